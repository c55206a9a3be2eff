import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App as AntApp, Alert, Badge, Button, Card, Checkbox, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { CloudDownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { boardingBlocks } from '../../../../src/domain/transport/boarding.ts';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { openOfflineStore, registerServiceWorker, sync, type OfflineStore, type OutboxItem } from '../../offline/index.ts';
import { modeLabel, statusLabel, STATUS_COLORS, TEMPERATURE_LIMIT_C, type Passenger, type Trip, type TripDetail, type TripStatus } from './transport-api.ts';
import './transport.css';

/** What the escort applies on the phone before the server has confirmed it, so the list reads true offline. */
function applyLocally(trip: TripDetail, action: { to?: TripStatus; passengerId?: number; kind: 'move' | 'check' | 'board' | 'arrive'; check?: Passenger['check'] }): TripDetail {
  const passengers = trip.passengers.map((p) => {
    if (action.kind === 'move' && action.to === 'departed' && p.status === 'listed') return { ...p, status: 'absent' as const };
    if (action.kind === 'move' && action.to === 'arrived' && p.status === 'boarded') return { ...p, status: 'arrived' as const };
    if (p.id !== action.passengerId) return p;
    if (action.kind === 'check') return { ...p, check: action.check ?? null };
    if (action.kind === 'board') return { ...p, status: 'boarded' as const };
    if (action.kind === 'arrive') return { ...p, status: 'arrived' as const };
    return p;
  });
  let status = trip.status;
  if (action.kind === 'move' && action.to) status = action.to;
  if (action.kind === 'arrive' && status === 'departed' && !passengers.some((p) => p.status === 'boarded')) status = 'arrived';
  const next: Record<TripStatus, TripStatus[]> = { planned: ['boarding', 'cancelled'], boarding: ['departed', 'cancelled'], departed: ['arrived'], arrived: [], cancelled: [] };
  return { ...trip, status, nextStatuses: next[status], passengers };
}

function PassengerCard({ p, trip, onAct }: { p: Passenger; trip: TripDetail; onAct: (kind: 'check' | 'board' | 'arrive', p: Passenger, check?: { temperature: number; healthCertificate: boolean; kitIssued: boolean }) => void }) {
  const { t } = useI18n();
  const [temp, setTemp] = useState(p.check?.temperature != null ? String(p.check.temperature) : '');
  const [cert, setCert] = useState(p.check?.healthCertificate ?? false);
  const [kit, setKit] = useState(p.check?.kitIssued ?? false);
  const value = Number(temp);
  const valid = temp !== '' && Number.isFinite(value) && value >= 34 && value <= 43;
  const tooHot = valid && boardingBlocks({ temperatureC: value, healthCertificate: true, kitIssued: true }).length > 0;
  const canCheck = (trip.status === 'planned' || trip.status === 'boarding') && p.status === 'listed';
  return (
    <Card size="small" data-testid={`escort-passenger-${p.id}`} title={<span>{p.seatNo}. {p.name} <Typography.Text type="secondary">{trip.pickups[p.pickupIndex]?.name}</Typography.Text></span>} extra={<Tag color={STATUS_COLORS[p.status]}>{t(`trip.passengerStatus.${p.status}` as MessageKey)}</Tag>}>
      {canCheck && (
        <div className="escort-check">
          <Input inputMode="decimal" style={{ width: 110 }} placeholder={t('trip.temperature')} value={temp} status={tooHot ? 'error' : undefined} onChange={(e) => setTemp(e.target.value.replace(/[^\d.]/g, ''))} data-testid={`temp-${p.id}`} />
          <Checkbox checked={cert} onChange={(e) => setCert(e.target.checked)} data-testid={`cert-${p.id}`}>{t('trip.healthCertificate')}</Checkbox>
          <Checkbox checked={kit} onChange={(e) => setKit(e.target.checked)} data-testid={`kit-${p.id}`}>{t('trip.kit')}</Checkbox>
          <Button disabled={!valid} onClick={() => onAct('check', p, { temperature: Math.round(value * 10) / 10, healthCertificate: cert, kitIssued: kit })} data-testid={`save-check-${p.id}`}>{t('escort.saveCheck')}</Button>
        </div>
      )}
      {tooHot && <Alert type="error" showIcon style={{ marginTop: 8 }} message={t('escort.blocked', { limit: TEMPERATURE_LIMIT_C })} />}
      <Space style={{ marginTop: 8 }} wrap>
        {p.check && <Tag color={p.check.mayBoard ? 'green' : 'red'}>{p.check.temperature}℃ · {p.check.healthCertificate ? '✓' : '✗'} · {p.check.kitIssued ? '✓' : '✗'}</Tag>}
        {trip.status === 'boarding' && p.status === 'listed' && (
          <Button type="primary" disabled={!p.check?.mayBoard} onClick={() => onAct('board', p)} data-testid={`board-${p.id}`}>{p.check ? t('escort.board') : t('escort.needCheck')}</Button>
        )}
        {(trip.status === 'departed' || trip.status === 'arrived') && p.status === 'boarded' && (
          <Button type="primary" onClick={() => onAct('arrive', p)} data-testid={`arrive-${p.id}`}>{t('escort.arrive')}</Button>
        )}
      </Space>
    </Card>
  );
}

/**
 * The escort's phone page. A trip is downloaded once; checks, boarding, departure and arrival are
 * recorded passenger by passenger into the offline outbox (each with its own idempotency key) and
 * sent when there is a signal, in the order they were made.
 */
export default function EscortPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { t, lang, issueText } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const [store, setStore] = useState<OfflineStore>();
  const [trip, setTrip] = useState<TripDetail | undefined>();
  const [saved, setSaved] = useState<TripDetail[]>([]);
  const [available, setAvailable] = useState<Trip[]>([]);
  const [outbox, setOutbox] = useState<OutboxItem[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  const [syncing, setSyncing] = useState(false);

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    registerServiceWorker().catch(() => undefined);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);

  useEffect(() => {
    if (!user) return;
    let live = true;
    openOfflineStore(`escort-${user.id}`).then((s) => live && setStore(s));
    return () => {
      live = false;
    };
  }, [user]);

  const reload = useCallback(async (s: OfflineStore) => {
    setSaved(await s.getRecords<TripDetail>('trip'));
    setOutbox(await s.outbox());
    if (id) setTrip(await s.getRecord<TripDetail>('trip', id));
  }, [id]);

  const download = useCallback(async (s: OfflineStore, tripId: string | number) => {
    const fresh = await api<TripDetail>(`/trips/${tripId}`);
    await s.putRecord('trip', String(fresh.id), fresh);
    await s.setMeta(`downloaded:${fresh.id}`, new Date().toISOString());
    return fresh;
  }, []);

  const push = useCallback(async (s: OfflineStore) => {
    if (!navigator.onLine) return;
    setSyncing(true);
    try {
      const last = new Map<string, TripDetail>();
      const r = await sync(s, { onDelivered: (item, body) => void (item.ref && last.set(item.ref.slice(5), body as TripDetail)) });
      const pending = await s.outbox();
      // Server state replaces the phone's only once nothing of that trip is waiting to be sent.
      for (const [tripId, body] of last) if (!pending.some((i) => i.ref === `trip:${tripId}`)) await s.putRecord('trip', tripId, body);
      if (r.failed > 0) {
        message.warning(t('escort.failed', { count: r.failed }));
        for (const item of pending.filter((i) => i.status === 'failed' && i.ref)) {
          if (!pending.some((i) => i.status === 'pending' && i.ref === item.ref)) await download(s, item.ref!.slice(5)).catch(() => undefined);
        }
      } else if (r.delivered > 0) message.success(t('escort.synced', { count: r.delivered }));
    } finally {
      setSyncing(false);
      await reload(s);
    }
  }, [download, message, reload, t]);

  useEffect(() => {
    if (!store) return;
    (async () => {
      await reload(store);
      if (!navigator.onLine) return;
      await push(store);
      if (id && !(await store.outbox()).some((i) => i.ref === `trip:${id}` && i.status === 'pending')) await download(store, id).catch(() => undefined);
      if (!id) {
        const r = await api<{ items: Trip[] }>('/trips', { query: { limit: 100 } }).catch(() => ({ items: [] as Trip[] }));
        setAvailable(r.items.filter((x) => x.status === 'planned' || x.status === 'boarding' || x.status === 'departed'));
      }
      await reload(store);
    })();
  }, [store, id, online, reload, push, download]);

  const act = async (kind: 'move' | 'check' | 'board' | 'arrive', opts: { to?: TripStatus; p?: Passenger; check?: { temperature: number; healthCertificate: boolean; kitIssued: boolean } }) => {
    if (!store || !trip) return;
    const base = `/trips/${trip.id}`;
    const path = kind === 'move' ? `${base}/transitions` : `${base}/passengers/${opts.p!.id}/${kind}`;
    const body = kind === 'move' ? { to: opts.to } : kind === 'check' ? opts.check : {};
    await store.enqueue({ method: 'POST', path, body, ref: `trip:${trip.id}` });
    const local = opts.check
      ? { temperature: opts.check.temperature, healthCertificate: opts.check.healthCertificate, kitIssued: opts.check.kitIssued, checkedAt: new Date().toISOString(), mayBoard: boardingBlocks({ temperatureC: opts.check.temperature, healthCertificate: opts.check.healthCertificate, kitIssued: opts.check.kitIssued }).length === 0 }
      : undefined;
    const next = applyLocally(trip, { kind, to: opts.to, passengerId: opts.p?.id, check: local });
    await store.putRecord('trip', String(trip.id), next);
    setTrip(next);
    message.info(t('escort.queued'));
    await reload(store);
    await push(store);
  };

  const pending = outbox.filter((i) => i.status === 'pending');
  const failed = outbox.filter((i) => i.status === 'failed');
  const header = (
    <Card size="small" className="no-print">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Badge status={online ? 'success' : 'warning'} text={online ? t('escort.online') : t('escort.offline')} />
        <Space>
          <Typography.Text data-testid="escort-pending">{t('escort.pending', { count: pending.length })}</Typography.Text>
          <Button icon={<SyncOutlined spin={syncing} />} disabled={!online || !store} onClick={() => store && push(store)} data-testid="escort-sync">{t('escort.sync')}</Button>
        </Space>
      </Space>
      {failed.map((i) => (
        <Alert
          key={i.id}
          type="error"
          style={{ marginTop: 8 }}
          message={`${t('escort.refused')}: ${i.path.replace(/^\/trips\/\d+/, '')}`}
          description={i.problem ? (i.problem.errors?.[0] ? issueText(i.problem.errors[0] as { message: string; messageZh?: string }) : i.problem.detail) : ''}
          action={<Button size="small" onClick={async () => { await store?.removeItem(i.id); if (store) await reload(store); }}>{t('escort.dismiss')}</Button>}
        />
      ))}
    </Card>
  );

  if (!id) {
    const savedIds = new Set(saved.map((s) => s.id));
    return (
      <div className="escort-page" data-testid="escort-page">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('escort.title')}</Typography.Title>
        {header}
        <Card size="small" title={t('escort.pick')}>
          {saved.length === 0 && available.length === 0 ? (
            <Empty description={t('escort.none')} />
          ) : (
            <List
              dataSource={[...saved, ...available.filter((a) => !savedIds.has(a.id))]}
              renderItem={(x: Trip) => (
                <List.Item
                  actions={[
                    savedIds.has(x.id) ? (
                      <Link key="open" to={`/transport/escort/${x.id}`}><Button type="primary">{t('escort.downloaded')}</Button></Link>
                    ) : (
                      <Button key="dl" icon={<CloudDownloadOutlined />} disabled={!online || !store} onClick={async () => { if (!store) return; try { await download(store, x.id); navigate(`/transport/escort/${x.id}`); } catch (e) { message.error(isApiError(e) ? e.message : String(e)); } }} data-testid={`download-${x.id}`}>{t('escort.download')}</Button>
                    ),
                  ]}
                >
                  <List.Item.Meta title={`#${x.id} ${x.travelDate} ${x.originName ?? x.originCounty} → ${x.destination.name}`} description={<span>{modeLabel(x.mode, lang)} · {x.seated}/{x.capacity} <Tag color={STATUS_COLORS[x.status]}>{statusLabel(x.status, lang)}</Tag></span>} />
                </List.Item>
              )}
            />
          )}
        </Card>
      </div>
    );
  }

  return (
    <div className="escort-page" data-testid="escort-page">
      <Space style={{ justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>#{id} {trip && <Tag color={STATUS_COLORS[trip.status]} data-testid="escort-trip-status">{statusLabel(trip.status, lang)}</Tag>}</Typography.Title>
        <Link to="/transport/escort">{t('escort.back')}</Link>
      </Space>
      {header}
      {!trip ? (
        <Empty description={t('escort.none')} />
      ) : (
        <>
          <Card size="small">
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {trip.travelDate} · {trip.originName ?? trip.originCounty} → {trip.destination.name} · {modeLabel(trip.mode, lang)} {trip.vehiclePlate}
            </Typography.Paragraph>
            <Space wrap>
              {trip.nextStatuses.filter((s) => s !== 'cancelled').map((s) => (
                <Button key={s} type="primary" onClick={() => act('move', { to: s })} data-testid={`escort-move-${s}`}>{t(`trip.move.${s}` as MessageKey)}</Button>
              ))}
            </Space>
          </Card>
          {trip.passengers.filter((p) => p.status !== 'removed').map((p) => (
            <PassengerCard key={`${p.id}-${p.status}-${p.check?.checkedAt ?? ''}`} p={p} trip={trip} onAct={(kind, passenger, check) => act(kind, { p: passenger, check })} />
          ))}
        </>
      )}
    </div>
  );
}
