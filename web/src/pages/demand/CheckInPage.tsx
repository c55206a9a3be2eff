import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Empty, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { CheckOutlined, HeartOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { yuanText, type EventDetail, type PersonHit } from './demand-api.ts';

/**
 * The fair check-in page, made for a phone in one hand: find a person, tap to check in, pick a
 * posting and tap to record the intention. Large targets, one column.
 */
export default function CheckInPage() {
  const { id, eventId } = useParams();
  const { t, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const base = `/campaigns/${id}/events/${eventId}`;
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Record<number, number | undefined>>({});
  const ev = useQuery({ queryKey: ['demand', 'event', base], queryFn: ({ signal }) => api<EventDetail>(base, { signal }) });
  const people = useQuery({ queryKey: ['demand', 'checkin-people', base, text], queryFn: ({ signal }) => api<{ items: PersonHit[] }>(`${base}/people`, { query: { q: text }, signal }), enabled: text.trim().length > 0 });
  const refresh = () => client.invalidateQueries({ queryKey: ['demand', 'event', base] });
  const onError = (err: unknown) => message.error((err as any)?.fieldErrors?.[0] ? issueText((err as any).fieldErrors[0]) : String((err as Error).message));
  const checkIn = useMutation({ mutationFn: (personId: number) => api(`${base}/attendance`, { method: 'POST', body: { personId } }), onSuccess: () => { message.success(t('checkin.checkedIn')); refresh(); }, onError });
  const intend = useMutation({ mutationFn: (v: { personId: number; postingId: number }) => api(`${base}/intentions`, { method: 'POST', body: v }), onSuccess: () => { message.success(t('checkin.intentionSaved')); refresh(); }, onError });
  if (ev.error) return <Alert type="error" showIcon title={ev.error.message} />;
  const d = ev.data;
  const checked = new Set(d?.attendance.map((a) => a.personId));
  const big = { size: 'large' as const, style: { minHeight: 48 } };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 560, margin: '0 auto' }}>
      <Card size="small" loading={ev.isLoading}>
        <Typography.Title level={4} style={{ margin: 0 }}>{d?.event.name}</Typography.Title>
        <Typography.Text type="secondary">{d?.event.heldOn} · {d?.event.place}</Typography.Text>
        {d && <div><Tag color="blue" style={{ marginTop: 8 }}>{t('checkin.count', { attendees: d.attendance.length, intentions: d.intentions.length })}</Tag></div>}
      </Card>
      <Input.Search size="large" allowClear enterButton placeholder={t('checkin.search')} onSearch={setText} inputMode="search" data-testid="checkin-search" />
      {text && (
        <List
          loading={people.isFetching}
          dataSource={people.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('checkin.noMatch')} /> }}
          renderItem={(p) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="checkin-person">
              <Flex justify="space-between" align="center" gap={8} wrap>
                <div>
                  <Typography.Text strong style={{ fontSize: 17 }}>{p.name}</Typography.Text>
                  <div><Typography.Text type="secondary">{p.idMasked} · {p.villageName ?? p.villageCode}</Typography.Text></div>
                </div>
                {checked.has(p.id) ? <Tag color="green" icon={<CheckOutlined />}>{t('checkin.checkedIn')}</Tag> : <Button type="primary" {...big} icon={<CheckOutlined />} loading={checkIn.isPending} onClick={() => checkIn.mutate(p.id)} data-testid="checkin-button">{t('checkin.checkIn')}</Button>}
              </Flex>
              {d && d.postings.length > 0 && (
                <Flex gap={8} style={{ marginTop: 10 }}>
                  <Select size="large" style={{ flex: 1, minWidth: 0 }} placeholder={t('checkin.choosePosting')} value={chosen[p.id]} onChange={(v) => setChosen({ ...chosen, [p.id]: v })} options={d.postings.map((j) => ({ value: j.id, label: `${j.title} · ${j.employerName} · ${yuanText(j.payMinFen)}+` }))} />
                  <Button {...big} icon={<HeartOutlined />} disabled={!chosen[p.id]} loading={intend.isPending} onClick={() => intend.mutate({ personId: p.id, postingId: chosen[p.id]! })}>{t('checkin.intention')}</Button>
                </Flex>
              )}
            </Card>
          )}
        />
      )}
      {d && d.intentions.length > 0 && (
        <Card size="small" title={t('checkin.intentions')}>
          {d.intentions.slice(0, 20).map((i) => <div key={i.id}>{i.name} → {i.postingTitle}（{i.employerName}）</div>)}
        </Card>
      )}
      {d && d.attendance.length > 0 && (
        <Card size="small" title={t('checkin.recent')}>
          {d.attendance.slice(0, 20).map((a) => <div key={a.id}>{a.name} <Typography.Text type="secondary">{a.idMasked}</Typography.Text></div>)}
        </Card>
      )}
    </Space>
  );
}
