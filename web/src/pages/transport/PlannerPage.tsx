import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Col, Input, InputNumber, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { DEFAULT_FLEET, modeLabel, TRIP_MODES, yuan, type FleetVehicle, type PlanGroup, type PlannedTrip, type PlanResult } from './transport-api.ts';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The planner: fleet, region and window in; the plan out as a map-free view — one row per pickup
 * county and destination (trips, people, vehicles, dates, cost) — with the cost beside its lower
 * bound. A dry run writes nothing; "create" makes the trips and manifests.
 */
export default function PlannerPage() {
  const { t, lang, issueText } = useI18n();
  const { user } = useSession();
  const { message, modal } = AntApp.useApp();
  const qc = useQueryClient();
  const [region, setRegion] = useState(user?.regionCode ?? '');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState('');
  const [windowDays, setWindowDays] = useState(7);
  const [fleet, setFleet] = useState<FleetVehicle[]>(DEFAULT_FLEET.map((v) => ({ ...v })));
  const [plan, setPlan] = useState<PlanResult | null>(null);

  const run = useMutation({
    mutationFn: (commit: boolean) => api<PlanResult>('/trips/plan', { method: 'POST', body: { region, from, to: to || undefined, windowDays, fleet, commit } }),
    onSuccess: (r) => {
      setPlan(r);
      if (r.committed) {
        message.success(t('plan.committed', { trips: r.trips.length }));
        qc.invalidateQueries({ queryKey: ['trips'] });
      }
    },
    onError: (e) => message.error(isApiError(e) ? (e.fieldErrors[0] ? `${e.fieldErrors[0].field}: ${issueText(e.fieldErrors[0])}` : e.message) : String(e)),
  });

  const setVehicle = (i: number, patch: Partial<FleetVehicle>) => setFleet(fleet.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const people = plan ? plan.trips.reduce((s, x) => s + x.passengers.length, 0) : 0;
  const commit = () =>
    modal.confirm({ title: t('plan.commit'), content: t('plan.commitConfirm', { trips: plan?.trips.length ?? 0, people }), onOk: () => run.mutateAsync(true) });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="planner-page">
      <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>{t('plan.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>{t('plan.intro')}</Typography.Paragraph>
      <Card size="small">
        <Row gutter={[16, 12]}>
          <Col xs={24} md={6}>
            <Typography.Text type="secondary">{t('plan.region')}</Typography.Text>
            <Input value={region} onChange={(e) => setRegion(e.target.value.replace(/\D/g, ''))} maxLength={6} data-testid="plan-region" />
          </Col>
          <Col xs={12} md={6}>
            <Typography.Text type="secondary">{t('plan.from')}</Typography.Text>
            <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="plan-from" />
          </Col>
          <Col xs={12} md={6}>
            <Typography.Text type="secondary">{t('plan.to')}</Typography.Text>
            <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="plan-to" />
          </Col>
          <Col xs={12} md={6}>
            <Typography.Text type="secondary">{t('plan.window')}</Typography.Text>
            <InputNumber min={1} max={60} value={windowDays} onChange={(v) => setWindowDays(v ?? 7)} style={{ width: '100%' }} data-testid="plan-window" />
          </Col>
        </Row>
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('plan.fleet')}</Typography.Title>
        <Table<FleetVehicle & { i: number }>
          rowKey="i"
          size="small"
          pagination={false}
          dataSource={fleet.map((v, i) => ({ ...v, i }))}
          data-testid="plan-fleet"
          columns={[
            { title: t('plan.fleet.type'), key: 'type', render: (_: unknown, v) => <Input value={v.type} onChange={(e) => setVehicle(v.i, { type: e.target.value })} maxLength={40} /> },
            { title: t('trip.mode'), key: 'mode', render: (_: unknown, v) => <Select value={v.mode} style={{ width: 140 }} onChange={(m) => setVehicle(v.i, { mode: m })} options={TRIP_MODES.map((m) => ({ value: m, label: modeLabel(m, lang) }))} /> },
            { title: t('trip.capacity'), key: 'capacity', render: (_: unknown, v) => <InputNumber min={1} max={400} value={v.capacity} onChange={(c) => setVehicle(v.i, { capacity: c ?? 1 })} /> },
            { title: t('trip.cost'), key: 'cost', render: (_: unknown, v) => <InputNumber min={0} step={100} precision={2} value={v.costFen / 100} onChange={(c) => setVehicle(v.i, { costFen: Math.round((c ?? 0) * 100) })} /> },
            { key: 'x', render: (_: unknown, v) => <Button type="text" icon={<DeleteOutlined />} disabled={fleet.length < 2} onClick={() => setFleet(fleet.filter((_, j) => j !== v.i))} aria-label="remove" /> },
          ]}
        />
        <Space style={{ marginTop: 12 }} wrap>
          <Button icon={<PlusOutlined />} onClick={() => setFleet([...fleet, { type: `type-${fleet.length + 1}`, mode: 'coach', capacity: 45, costFen: 380_000 }])}>{t('plan.fleet.add')}</Button>
          <Button onClick={() => setFleet(DEFAULT_FLEET.map((v) => ({ ...v })))}>{t('plan.fleet.reset')}</Button>
          <Button type="primary" onClick={() => run.mutate(false)} loading={run.isPending} data-testid="plan-run">{t('plan.run')}</Button>
          <Button danger disabled={!plan || plan.committed || plan.trips.length === 0} onClick={commit} data-testid="plan-commit">{t('plan.commit')}</Button>
        </Space>
      </Card>
      {plan && <PlanView plan={plan} />}
    </Space>
  );
}

function PlanView({ plan }: { plan: PlanResult }) {
  const { t, lang } = useI18n();
  const excluded = Object.entries(plan.excluded).filter(([, n]) => n > 0);
  const quality = plan.costFen === 0 ? 100 : Math.max(0, Math.round((1 - plan.gap) * 1000) / 10);
  return (
    <>
      <Card size="small" data-testid="plan-summary">
        {plan.committed && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`${t('plan.committed', { trips: plan.trips.length })} · ${plan.planRef}`} />}
        <Row gutter={[16, 16]}>
          <Col xs={12} md={4}><Statistic title={t('plan.travelers')} value={plan.travelers} /></Col>
          <Col xs={12} md={4}><Statistic title={t('plan.already')} value={plan.alreadyOnTrips} /></Col>
          <Col xs={12} md={4}><Statistic title={t('plan.cost')} value={yuan(plan.costFen)} /></Col>
          <Col xs={12} md={4}><Statistic title={t('plan.lowerBound')} value={yuan(Math.ceil(plan.lowerBoundFen))} /></Col>
          <Col xs={24} md={8}>
            <Typography.Text type="secondary">{t('plan.gap')}: {(plan.gap * 100).toFixed(2)}%</Typography.Text>
            <Progress percent={quality} status={plan.gap === 0 ? 'success' : 'normal'} data-testid="plan-quality" />
            <Typography.Text type="secondary">{t('plan.proven', { proven: plan.provenGroups, groups: plan.groups })}</Typography.Text>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('plan.sources', plan.sources)}
          {excluded.length > 0 && ` · ${t('plan.excluded')}: ${excluded.map(([k, n]) => `${t(`plan.excluded.${k}` as MessageKey)} ${n}`).join('，')}`}
        </Typography.Paragraph>
      </Card>
      {plan.trips.length === 0 ? (
        <Alert type="info" showIcon message={t('plan.nothing')} />
      ) : (
        <>
          <Card size="small" title={t('plan.groups')}>
            <Table<PlanGroup>
              rowKey={(g) => `${g.originCounty}|${g.destination}`}
              size="small"
              pagination={false}
              dataSource={plan.byGroup}
              scroll={{ x: 'max-content' }}
              data-testid="plan-groups"
              columns={[
                { title: t('trip.origin'), key: 'o', render: (_: unknown, g) => g.originName ?? g.originCounty },
                { title: '', key: 'arrow', render: () => '→' },
                { title: t('trip.destination'), key: 'd', render: (_: unknown, g) => <span>{g.destinationName} <Typography.Text type="secondary">{g.destinationRegion}</Typography.Text></span> },
                { title: t('plan.people'), dataIndex: 'people', align: 'right' },
                { title: t('trip.report.trips'), dataIndex: 'trips', align: 'right' },
                { title: t('trip.vehicle'), key: 'modes', render: (_: unknown, g) => Object.entries(g.byMode).map(([k, n]) => <Tag key={k}>{k} × {n}</Tag>) },
                { title: t('plan.dates'), key: 'dates', render: (_: unknown, g) => g.dates.join('、') },
                { title: t('trip.cost'), dataIndex: 'costFen', align: 'right', render: (f: number) => yuan(f) },
              ]}
            />
          </Card>
          <Card size="small" title={t('plan.trips')}>
            <Table<PlannedTrip>
              rowKey={(x) => `${x.id ?? ''}|${x.travelDate}|${x.vehicleType}|${x.passengers[0]?.personId}`}
              size="small"
              dataSource={plan.trips}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              data-testid="plan-trips"
              columns={[
                { title: t('trip.id'), key: 'id', render: (_: unknown, x) => (x.id ? <Link to={`/transport/trips/${x.id}`}>#{x.id}</Link> : '—') },
                { title: t('trip.date'), dataIndex: 'travelDate' },
                { title: t('trip.route'), key: 'r', render: (_: unknown, x) => `${x.originName ?? x.originCounty} → ${x.destination.name}` },
                { title: t('trip.vehicle'), key: 'v', render: (_: unknown, x) => `${modeLabel(x.mode, lang)} · ${x.vehicleType}` },
                { title: t('trip.seated'), key: 's', render: (_: unknown, x) => `${x.passengers.length}/${x.capacity}` },
                { title: t('trip.pickups'), key: 'p', render: (_: unknown, x) => x.pickups.map((p) => `${p.time} ${p.name}`).join('，') },
                { title: t('trip.cost'), dataIndex: 'costFen', align: 'right', render: (f: number) => yuan(f) },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}

