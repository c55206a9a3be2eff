import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Dropdown, Empty, Flex, Input, Segmented, Space, Tag, Typography } from 'antd';
import { DownOutlined, PhoneOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.ts';
import { useCursorPages } from '../../components/cursor-list.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { moveReferral, NEXT, type Referral } from './matching-api.ts';
import { ReasonTags } from './ReasonTags.tsx';

const stateKey = (s: string) => `match.state.${s}` as MessageKey;

/** One referral as a card a thumb can work: who, where, when it is due, and the next step as one big button. */
function ReferralCard({ r }: { r: Referral }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const next = NEXT[r.status] ?? { main: null, other: [] };
  const m = useMutation({
    mutationFn: (to: string) => moveReferral(r.id, to, note),
    onSuccess: (_res, to) => {
      message.success(t('match.worklist.saved', { status: t(stateKey(to)) }));
      setNote('');
      void client.invalidateQueries({ queryKey: ['matching'] });
    },
    onError: (e) => message.error(isApiError(e) ? e.message : String(e)),
  });
  return (
    <Card size="small" data-testid={`referral-${r.id}`} style={{ borderColor: r.overdue ? '#ff4d4f' : undefined }}>
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="start" gap={8}>
          <div>
            <Typography.Text strong style={{ fontSize: 16 }}>{r.personName}</Typography.Text>
            <div><Typography.Text>{r.postingTitle}</Typography.Text> <Typography.Text type="secondary">· {r.employerName}</Typography.Text></div>
          </div>
          <Space orientation="vertical" size={2} align="end">
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t(stateKey(r.status))}</Tag>
            {r.overdue && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('match.worklist.overdueTag')}</Tag>}
          </Space>
        </Flex>
        {r.dueOn && <Typography.Text type={r.overdue ? 'danger' : 'secondary'}>{t('match.worklist.due', { date: r.dueOn })} · {t(`match.source.${r.source}` as MessageKey)}</Typography.Text>}
        {r.reasons.length > 0 && <ReasonTags reasons={r.reasons} />}
        <Input size="large" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('match.worklist.notePlaceholder')} aria-label={t('match.worklist.noteTitle')} maxLength={500} />
        <Flex gap={8}>
          {next.main && (
            <Button type="primary" size="large" block icon={next.main === 'contacted' ? <PhoneOutlined /> : undefined} loading={m.isPending && m.variables === next.main} onClick={() => m.mutate(next.main!)} data-testid={`advance-${r.id}`}>
              {t(stateKey(next.main))}
            </Button>
          )}
          {next.other.length > 0 && (
            <Dropdown trigger={['click']} menu={{ items: next.other.map((s) => ({ key: s, label: t(stateKey(s)) })), onClick: ({ key }) => m.mutate(key) }}>
              <Button size="large" block={!next.main} disabled={m.isPending}>{t('match.worklist.more')} <DownOutlined /></Button>
            </Dropdown>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/** The commissioner's follow-up list on a phone: my open referrals, overdue first. */
export default function WorklistPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<'mine' | 'overdue'>('mine');
  const { list, items } = useCursorPages<Referral>(['matching', 'worklist', filter], '/referrals', { mine: true, overdue: filter === 'overdue' ? true : undefined }, 30);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('match.worklist.title')}</Typography.Title>
      <Segmented block size="large" value={filter} onChange={(v) => setFilter(v as 'mine' | 'overdue')} options={[{ value: 'mine', label: t('match.worklist.mine') }, { value: 'overdue', label: t('match.worklist.overdue') }]} />
      {list.isLoading ? <Card loading /> : items.length === 0 ? <Empty description={t('match.worklist.empty')} /> : items.map((r) => <ReferralCard key={r.id} r={r} />)}
      {list.hasNextPage && <Button size="large" block onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('match.worklist.loadMore')}</Button>}
    </Flex>
  );
}
