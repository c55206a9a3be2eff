import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Descriptions, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { MobileOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { departmentLabel, modeLabel, statusLabel, STATUS_COLORS, yuan, type Passenger, type TripDetail, type TripStatus } from './transport-api.ts';

/** One trip: its facts, pickup points and manifest; the moves its status allows. */
export default function TripDetailPage() {
  const { id } = useParams();
  const { t, lang, dateTime, issueText } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const trip = useQuery({ queryKey: ['trip', id], queryFn: ({ signal }) => api<TripDetail>(`/trips/${id}`, { signal }) });
  const move = useMutation({
    mutationFn: (body: { to: TripStatus; reason?: string }) => api<TripDetail>(`/trips/${id}/transitions`, { method: 'POST', body: { ...body, version: trip.data?.version } }),
    onSuccess: (r) => {
      qc.setQueryData(['trip', id], r);
      qc.invalidateQueries({ queryKey: ['trips'] });
      message.success(t('trip.moved'));
      setCancelling(false);
    },
    onError: (e) => message.error(isApiError(e) ? (e.fieldErrors[0] ? issueText(e.fieldErrors[0]) : e.message) : String(e)),
  });

  if (trip.isError) return <Alert type="error" showIcon message={isApiError(trip.error) ? trip.error.message : t('common.error')} />;
  const d = trip.data;
  const officer = user && ['admin', 'province_officer', 'city_officer', 'county_officer'].includes(user.role);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="trip-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} className="page-title" style={{ margin: 0 }}>
          {t('trip.id')} #{id} {d && <Tag color={STATUS_COLORS[d.status]} data-testid="trip-status">{statusLabel(d.status, lang)}</Tag>}
        </Typography.Title>
        <Space wrap>
          <Link to={`/transport/trips/${id}/manifest`}><Button icon={<PrinterOutlined />}>{t('trip.print')}</Button></Link>
          <Link to={`/transport/escort/${id}`}><Button icon={<MobileOutlined />}>{t('trip.escortPage')}</Button></Link>
          {d?.nextStatuses.filter((s) => s !== 'cancelled').map((s) => (
            <Button key={s} type="primary" loading={move.isPending} onClick={() => move.mutate({ to: s })} data-testid={`move-${s}`}>
              {t(`trip.move.${s}` as MessageKey)}
            </Button>
          ))}
          {d?.nextStatuses.includes('cancelled') && officer && (
            <Button danger onClick={() => setCancelling(true)} data-testid="move-cancelled">{t('trip.move.cancelled')}</Button>
          )}
        </Space>
      </Space>
      <Card size="small" loading={trip.isPending}>
        {d && (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label={t('trip.date')}>{d.travelDate}</Descriptions.Item>
            <Descriptions.Item label={t('trip.origin')}>{d.originName ?? d.originCounty}</Descriptions.Item>
            <Descriptions.Item label={t('trip.destination')}>{d.destination.name} <Typography.Text type="secondary">({d.destination.regionName ?? d.destination.regionCode})</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('trip.vehicle')}>{modeLabel(d.mode, lang)} · {d.vehicleType}</Descriptions.Item>
            <Descriptions.Item label={t('trip.seated')}>{d.seated}/{d.capacity}</Descriptions.Item>
            <Descriptions.Item label={t('trip.cost')}>{yuan(d.costFen)}</Descriptions.Item>
            <Descriptions.Item label={t('trip.pickups')}>{d.pickups.map((p) => `${p.time} ${p.name}`).join('，')}</Descriptions.Item>
            <Descriptions.Item label={t('trip.departments')}>{d.departments.map((x) => departmentLabel(x, lang)).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('trip.escortName')}>{d.escortName || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('trip.vehiclePlate')}>{d.vehiclePlate || '—'}</Descriptions.Item>
            {d.planRef && <Descriptions.Item label={t('trip.planRef')}>{d.planRef}</Descriptions.Item>}
            {d.cancelReason && <Descriptions.Item label={t('trip.cancelReason')}>{d.cancelReason}</Descriptions.Item>}
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={t('trip.manifest')}>
        <Table<Passenger>
          rowKey="id"
          size="small"
          dataSource={d?.passengers ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="manifest-table"
          columns={[
            { title: t('trip.seat'), dataIndex: 'seatNo', width: 60 },
            { title: t('trip.name'), dataIndex: 'name' },
            { title: t('trip.idNumber'), dataIndex: 'idNumber' },
            { title: t('trip.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
            { title: t('trip.pickup'), dataIndex: 'pickupIndex', render: (i: number) => d?.pickups[i]?.name ?? '—' },
            { title: t('trip.poor'), dataIndex: 'poor', render: (p: boolean) => (p ? <Tag color="gold">{t('common.yes')}</Tag> : null) },
            {
              title: t('trip.check'),
              key: 'check',
              render: (_: unknown, p) => (p.check ? <Tag color={p.check.mayBoard ? 'green' : 'red'}>{p.check.temperature}℃ {p.check.healthCertificate ? '✓' : '✗'} {p.check.kitIssued ? '✓' : '✗'}</Tag> : '—'),
            },
            { title: t('trip.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`trip.passengerStatus.${s}` as MessageKey)}</Tag> },
            { title: t('trip.share'), dataIndex: 'costShareFen', align: 'right', render: (f: number | null) => (f == null ? '—' : yuan(f)) },
            { title: t('trip.claim'), dataIndex: 'claimId', render: (c: number | null) => (c ? `#${c}` : '—') },
            { title: t('trip.status'), key: 'times', responsive: ['xl'], render: (_: unknown, p) => dateTime(p.arrivedAt ?? p.boardedAt) },
          ]}
        />
      </Card>
      <Modal open={cancelling} title={t('trip.move.cancelled')} onCancel={() => setCancelling(false)} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: move.isPending }} onOk={() => move.mutate({ to: 'cancelled', reason })}>
        <Typography.Paragraph>{t('trip.cancelAsk')}</Typography.Paragraph>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="cancel-reason" />
      </Modal>
    </Space>
  );
}
