import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Empty, Radio, Select, Space, Table, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldValueText, type Conflict, type Round } from './field-api.ts';
import './field.css';

function ConflictCard({ roundId, c }: { roundId: number; c: Conflict }) {
  const { t, lang, dateTime } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [choices, setChoices] = useState<Record<string, 'server' | 'field'>>({});
  const resolve = useMutation({
    mutationFn: () => api<Conflict>(`/verification-rounds/${roundId}/conflicts/${c.id}/resolve`, { method: 'POST', body: { choices, personVersion: c.currentVersion ?? undefined } }),
    onSuccess: () => {
      message.success(t('conflicts.resolved'));
      client.invalidateQueries({ queryKey: ['conflicts', roundId] });
    },
    onError: (e) => message.error(e.message),
  });
  const complete = c.fields.every((f) => choices[f.field]);
  const label = (field: string) => t(`conflicts.field.${field}` as 'conflicts.field.phone');
  return (
    <Card size="small" data-testid={`conflict-${c.personId}`} title={`${c.personName ?? c.personId} · ${c.verifier ?? ''} · ${dateTime(c.visitedAt)}`}>
      <Typography.Paragraph type="secondary">{t('conflicts.versions', { base: c.baseVersion, server: c.currentVersion ?? c.serverVersion })}</Typography.Paragraph>
      <Table
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={c.fields}
        columns={[
          { title: t('conflicts.fieldName'), dataIndex: 'field', render: (f) => label(f) },
          { title: t('conflicts.server'), render: (_, f) => fieldValueText(f.field, f.serverValue, lang) },
          { title: t('conflicts.fieldValue'), render: (_, f) => fieldValueText(f.field, f.fieldValue, lang) },
          {
            title: t('conflicts.keep'),
            render: (_, f) => (
              <Radio.Group value={choices[f.field]} onChange={(e) => setChoices({ ...choices, [f.field]: e.target.value })} data-testid={`choice-${c.personId}-${f.field}`}>
                <Radio value="server" data-testid={`choice-${c.personId}-${f.field}-server`}>{t('conflicts.server')}</Radio>
                <Radio value="field" data-testid={`choice-${c.personId}-${f.field}-field`}>{t('conflicts.fieldValue')}</Radio>
              </Radio.Group>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button onClick={() => setChoices(Object.fromEntries(c.fields.map((f) => [f.field, 'field'])))} data-testid={`conflict-all-field-${c.personId}`}>{t('conflicts.allField')}</Button>
        <Button onClick={() => setChoices(Object.fromEntries(c.fields.map((f) => [f.field, 'server'])))}>{t('conflicts.allServer')}</Button>
        <Button type="primary" disabled={!complete} loading={resolve.isPending} onClick={() => resolve.mutate()} data-testid={`conflict-apply-${c.personId}`}>{t('conflicts.apply')}</Button>
      </Space>
    </Card>
  );
}

/** Conflicts of a round, side by side: the value on the server now and the one from the field. */
export default function ConflictsPage() {
  const { t } = useI18n();
  const rounds = useQuery({ queryKey: ['verification-rounds'], queryFn: () => api<{ items: Round[] }>('/verification-rounds') });
  const [roundId, setRoundId] = useState<number>();
  useEffect(() => {
    if (roundId == null && rounds.data?.items.length) setRoundId(rounds.data.items[0].id);
  }, [rounds.data, roundId]);
  const conflicts = useQuery({ queryKey: ['conflicts', roundId], queryFn: () => api<{ items: Conflict[] }>(`/verification-rounds/${roundId}/conflicts`), enabled: roundId != null });
  return (
    <div className="field-page" data-testid="conflicts-page">
      <Card size="small" title={t('conflicts.title')}>
        <Select style={{ width: '100%' }} value={roundId} onChange={setRoundId} options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))} data-testid="conflicts-round" />
      </Card>
      {conflicts.data?.items.length === 0 && <Empty description={t('conflicts.none')} data-testid="conflicts-empty" />}
      {(conflicts.data?.items ?? []).map((c) => <ConflictCard key={c.id} roundId={roundId!} c={c} />)}
    </div>
  );
}
