import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Descriptions, Form, Input, Popconfirm, Progress as Bar, Select, Space, Table, Tag } from 'antd';
import { api, type Account, type RegionDetail } from '../../api/client.ts';
import { showFieldErrors } from '../../api/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Progress, Round, Tally, Team } from './field-api.ts';
import { VISIT_OUTCOMES, statusLabel } from './field-api.ts';

function TeamForm({ round }: { round: Round }) {
  const { t, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const users = useQuery({ queryKey: ['users', round.countyCode], queryFn: () => api<{ items: Account[] }>('/users', { query: { region: round.countyCode } }) });
  const verifiers = (users.data?.items ?? []).filter((u) => u.role === 'field_verifier' && !u.disabled);
  const create = useMutation({
    mutationFn: (v: { name: string; memberIds?: number[] }) => api<Team>(`/verification-rounds/${round.id}/teams`, { method: 'POST', body: { name: v.name, memberIds: v.memberIds ?? [] } }),
    onSuccess: () => {
      form.resetFields();
      client.invalidateQueries({ queryKey: ['round', round.id] });
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, issueText)) message.error(e.message);
    },
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} data-testid="team-form">
      <Form.Item name="name" rules={[{ required: true, message: t('rounds.teamNameRequired') }]}>
        <Input placeholder={t('rounds.teamName')} data-testid="team-name" />
      </Form.Item>
      <Form.Item name="memberIds">
        <Select mode="multiple" style={{ minWidth: 240 }} placeholder={t('rounds.members')} options={verifiers.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))} data-testid="team-members" />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={create.isPending} data-testid="team-create">{t('rounds.addTeam')}</Button>
    </Form>
  );
}

/** Picks villages town by town: the county's towns, then the villages of the town chosen. */
function AssignForm({ round, teams }: { round: Round; teams: Team[] }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [town, setTown] = useState<string>();
  const [teamId, setTeamId] = useState<number>();
  const [villages, setVillages] = useState<string[]>([]);
  const county = useQuery({ queryKey: ['region', round.countyCode], queryFn: () => api<RegionDetail>(`/regions/${round.countyCode}`) });
  const townDetail = useQuery({ queryKey: ['region', town], queryFn: () => api<RegionDetail>(`/regions/${town}`), enabled: !!town });
  const assign = useMutation({
    mutationFn: () => api<{ tasksCreated: number }>(`/verification-rounds/${round.id}/assignments`, { method: 'POST', body: { teamId, villageCodes: villages } }),
    onSuccess: (r) => {
      message.success(t('rounds.assigned', { count: r.tasksCreated }));
      setVillages([]);
      client.invalidateQueries({ queryKey: ['round', round.id] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Space wrap>
      <Select style={{ width: 160 }} placeholder={t('rounds.team')} value={teamId} onChange={setTeamId} options={teams.map((x) => ({ value: x.id, label: x.name }))} data-testid="assign-team" />
      <Select style={{ width: 180 }} placeholder={t('rounds.town')} value={town} onChange={(v) => { setTown(v); setVillages([]); }} options={(county.data?.children ?? []).map((r) => ({ value: r.code, label: r.name }))} data-testid="assign-town" />
      <Select mode="multiple" style={{ minWidth: 260 }} placeholder={t('rounds.villages')} value={villages} onChange={setVillages} options={(townDetail.data?.children ?? []).map((r) => ({ value: r.code, label: r.name }))} data-testid="assign-villages" />
      <Button type="primary" disabled={!teamId || !villages.length} loading={assign.isPending} onClick={() => assign.mutate()} data-testid="assign-submit">{t('rounds.assign')}</Button>
    </Space>
  );
}

function tallyColumns(t: ReturnType<typeof useI18n>['t'], lang: ReturnType<typeof useI18n>['lang']) {
  return [
    { title: t('rounds.households'), dataIndex: 'households' },
    { title: t('rounds.visited'), dataIndex: 'visited' },
    { title: t('rounds.visitedPercent'), dataIndex: 'visitedPercent', render: (v: number | null) => <Bar percent={v ?? 0} size="small" style={{ minWidth: 100 }} /> },
    { title: t('rounds.persons'), dataIndex: 'persons' },
    { title: t('rounds.verifiedPercent'), dataIndex: 'verifiedPercent', render: (v: number | null) => (v == null ? '—' : `${v}%`) },
    ...VISIT_OUTCOMES.map((o) => ({ title: statusLabel(o, lang), key: o, render: (_: unknown, r: Tally) => r.outcomes[o] ?? 0 })),
    { title: t('rounds.conflicts'), dataIndex: 'conflicts' },
  ];
}

/** One round: teams and their villages, assignment, progress by village and team, and closing. */
export default function RoundPage() {
  const { id } = useParams();
  const roundId = Number(id);
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const round = useQuery({ queryKey: ['round', roundId, 'detail'], queryFn: () => api<Round>(`/verification-rounds/${roundId}`) });
  const teams = useQuery({ queryKey: ['round', roundId, 'teams'], queryFn: () => api<{ items: Team[] }>(`/verification-rounds/${roundId}/teams`) });
  const progress = useQuery({ queryKey: ['round', roundId, 'progress'], queryFn: () => api<Progress>(`/verification-rounds/${roundId}/progress`) });
  const close = useMutation({
    mutationFn: () => api<Round>(`/verification-rounds/${roundId}/close`, { method: 'POST', body: { version: round.data!.version } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['round', roundId] }),
    onError: (e) => message.error(e.message),
  });
  const r = round.data;
  if (!r) return <Card loading />;
  const open = r.status === 'open';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="round-page">
      <Card
        title={r.name}
        size="small"
        extra={open && (
          <Popconfirm title={t('rounds.closeConfirm')} onConfirm={() => close.mutate()}>
            <Button danger data-testid="round-close">{t('rounds.close')}</Button>
          </Popconfirm>
        )}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={[
          { key: 'county', label: t('rounds.county'), children: r.countyName },
          { key: 'dates', label: t('rounds.dates'), children: [r.startsOn, r.endsOn].filter(Boolean).join(' ~ ') || '—' },
          { key: 'status', label: t('rounds.status'), children: <Tag color={open ? 'green' : 'default'} data-testid="round-status">{t(`rounds.status.${r.status}` as 'rounds.status.open')}</Tag> },
        ]} />
      </Card>
      <Card title={t('rounds.teams')} size="small">
        {open && <TeamForm round={r} />}
        <Table<Team>
          rowKey="id"
          size="small"
          style={{ marginTop: 12 }}
          pagination={false}
          dataSource={teams.data?.items ?? []}
          columns={[
            { title: t('rounds.team'), dataIndex: 'name' },
            { title: t('rounds.members'), render: (_, x) => x.members.map((m) => m.displayName).join('、') || '—' },
            { title: t('rounds.villages'), render: (_, x) => x.villages.length },
          ]}
        />
        {open && <div style={{ marginTop: 12 }}><AssignForm round={r} teams={teams.data?.items ?? []} /></div>}
      </Card>
      <Card title={t('rounds.progress')} size="small" data-testid="round-progress">
        {progress.data && (
          <>
            <Descriptions size="small" column={{ xs: 2, sm: 4 }} items={[
              { key: 'h', label: t('rounds.households'), children: progress.data.total.households },
              { key: 'v', label: t('rounds.visitedPercent'), children: `${progress.data.total.visitedPercent ?? 0}%` },
              { key: 'p', label: t('rounds.persons'), children: progress.data.total.persons },
              { key: 'c', label: t('rounds.verifiedPercent'), children: <span data-testid="progress-verified">{progress.data.total.verifiedPercent ?? 0}%</span> },
            ]} />
            <Table rowKey="teamId" size="small" pagination={false} scroll={{ x: true }} dataSource={progress.data.byTeam} columns={[{ title: t('rounds.team'), dataIndex: 'teamName' }, ...tallyColumns(t, lang)]} />
            <Table rowKey="villageCode" size="small" pagination={false} scroll={{ x: true }} style={{ marginTop: 12 }} dataSource={progress.data.byVillage} columns={[{ title: t('rounds.village'), dataIndex: 'villageName' }, { title: t('rounds.team'), dataIndex: 'teamName' }, ...tallyColumns(t, lang)]} />
          </>
        )}
      </Card>
    </Space>
  );
}
