import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CarOutlined, MobileOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { modeLabel, statusLabel, STATUS_COLORS, TRIP_MODES, TRIP_STATUSES, yuan, type Trip, type TripReport } from './transport-api.ts';

/** Trips of the account's region, newest first, with the transport figures of the same period above them. */
export default function TripsPage() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<string>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = { status: status || undefined, from: from || undefined, to: to || undefined };
  const trips = useQuery({ queryKey: ['trips', query], queryFn: ({ signal }) => api<{ items: Trip[]; nextCursor: string | null }>('/trips', { query: { ...query, limit: 200 }, signal }) });
  const report = useQuery({ queryKey: ['trip-report', from, to], queryFn: ({ signal }) => api<TripReport>('/trips/report', { query: { from: from || undefined, to: to || undefined }, signal }) });
  const total = report.data?.total;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="trips-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
          {t('trip.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/transport/plan"><Button icon={<CarOutlined />}>{t('trip.toPlanner')}</Button></Link>
          <Link to="/transport/escort"><Button icon={<MobileOutlined />}>{t('trip.escortPage')}</Button></Link>
        </Space>
      </Space>
      <Card size="small" title={t('trip.report')} loading={report.isPending} data-testid="trip-report">
        {total && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={4}><Statistic title={t('trip.report.trips')} value={total.trips} /></Col>
            <Col xs={12} md={4}><Statistic title={t('trip.report.scheduled')} value={total.scheduled} /></Col>
            <Col xs={12} md={4}><Statistic title={t('trip.report.transported')} value={total.transported} /></Col>
            <Col xs={12} md={4}><Statistic title={t('trip.report.poor')} value={total.poorTransported} /></Col>
            <Col xs={12} md={4}><Statistic title={t('trip.report.subsidy')} value={yuan(total.subsidyPaidFen)} /></Col>
            <Col xs={24} md={4}>
              <Typography.Text type="secondary">{t('trip.report.vehicles')}</Typography.Text>
              <div>
                {TRIP_MODES.filter((m) => total.vehiclesByMode[m]).map((m) => (
                  <Tag key={m}>{modeLabel(m, lang)} × {total.vehiclesByMode[m]}</Tag>
                ))}
              </div>
            </Col>
          </Row>
        )}
      </Card>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select style={{ width: 140 }} value={status} onChange={setStatus} data-testid="trip-status-filter" options={[{ value: '', label: t('trip.all') }, ...TRIP_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))]} />
          <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('trip.from')} style={{ width: 160 }} />
          <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('trip.to')} style={{ width: 160 }} />
        </Space>
        <Table<Trip>
          rowKey="id"
          size="middle"
          loading={trips.isPending}
          dataSource={trips.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="trips-table"
          columns={[
            { title: t('trip.id'), dataIndex: 'id', render: (id: number) => <Link to={`/transport/trips/${id}`}>#{id}</Link> },
            { title: t('trip.date'), dataIndex: 'travelDate' },
            { title: t('trip.route'), key: 'route', render: (_: unknown, r) => `${r.originName ?? r.originCounty} → ${r.destination.name}` },
            { title: t('trip.vehicle'), key: 'vehicle', render: (_: unknown, r) => `${modeLabel(r.mode, lang)} · ${r.vehicleType}` },
            { title: t('trip.seated'), key: 'seats', render: (_: unknown, r) => `${r.seated}/${r.capacity}` },
            { title: t('trip.cost'), dataIndex: 'costFen', align: 'right', render: (f: number) => yuan(f) },
            { title: t('trip.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{statusLabel(s, lang)}</Tag> },
          ]}
        />
      </Card>
    </Space>
  );
}
