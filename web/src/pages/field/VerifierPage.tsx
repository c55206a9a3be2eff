import { useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Empty, Flex, Input, List, Space, Tag, Typography } from 'antd';
import { CloudDownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { openOfflineStore, registerServiceWorker, sync, type OfflineStore, type OutboxItem } from '../../offline/index.ts';
import './field.css';
import { BUILTIN_OCCUPATIONS, EMPLOYMENT_STATUS, LOCATION_SCOPE, VISIT_OUTCOMES, employmentLabel, occupationLabel, scopeLabel, statusLabel, type FieldPerson, type Round, type Task } from './field-api.ts';

/** A task as kept on the phone: the downloaded task, and what was captured here and not yet confirmed. */
interface LocalTask extends Task {
  captured?: { at: string; outboxId: number };
}

interface Draft {
  outcome: string;
  employmentStatus: string;
  employerName: string;
  phone: string;
  jobWishTypes: string[];
  trainingWish: string;
  availableFrom: string;
  preferredScope: string;
  minMonthlyPay: string;
}

interface VisitResult {
  taskId: number;
  taskStatus: 'visited' | 'conflict';
  applied: { personId: number; version: number; outcome: string }[];
  conflicts: { personId: number; conflictId: number }[];
}

function draftOf(p: FieldPerson): Draft {
  return {
    outcome: p.verificationStatus === 'unverified' ? 'verified' : p.verificationStatus,
    employmentStatus: p.employmentStatus,
    employerName: p.employerName ?? '',
    phone: '',
    jobWishTypes: p.jobWishTypes,
    trainingWish: p.trainingWish ?? '',
    availableFrom: p.availableFrom ?? '',
    preferredScope: p.preferredScope ?? '',
    minMonthlyPay: p.minMonthlyPay == null ? '' : String(p.minMonthlyPay),
  };
}

/** Only what the verifier changed goes to the server; the phone only when a new one was typed. */
function changesOf(p: FieldPerson, d: Draft): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  if (d.employmentStatus !== p.employmentStatus) c.employmentStatus = d.employmentStatus;
  if ((d.employerName.trim() || null) !== p.employerName) c.employerName = d.employerName.trim() || null;
  if (d.phone.trim()) c.phone = d.phone.trim();
  if (JSON.stringify([...d.jobWishTypes].sort()) !== JSON.stringify([...p.jobWishTypes].sort())) c.jobWishTypes = d.jobWishTypes;
  if ((d.trainingWish || null) !== p.trainingWish) c.trainingWish = d.trainingWish || null;
  if ((d.availableFrom || null) !== p.availableFrom) c.availableFrom = d.availableFrom || null;
  if ((d.preferredScope || null) !== p.preferredScope) c.preferredScope = d.preferredScope || null;
  const pay = d.minMonthlyPay.trim() === '' ? null : Math.round(Number(d.minMonthlyPay));
  if (pay !== p.minMonthlyPay && (pay === null || Number.isFinite(pay))) c.minMonthlyPay = pay;
  return c;
}

function Select({ value, onChange, options, testId, multiple }: { value: string | string[]; onChange: (v: any) => void; options: { value: string; label: string }[]; testId: string; multiple?: boolean }) {
  return (
    <select
      className="field-select"
      data-testid={testId}
      multiple={multiple}
      value={value}
      onChange={(e) => onChange(multiple ? [...e.target.selectedOptions].map((o) => o.value) : e.target.value)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function PersonForm({ person, draft, onChange }: { person: FieldPerson; draft: Draft; onChange: (d: Draft) => void }) {
  const { t, lang } = useI18n();
  const set = (k: keyof Draft) => (v: any) => onChange({ ...draft, [k]: v });
  const occupations = BUILTIN_OCCUPATIONS.map((o) => ({ value: o.code, label: lang === 'en' ? o.en : o.zh }));
  return (
    <Card size="small" className="field-person" data-testid={`person-${person.id}`} title={<span>{person.name} <Typography.Text type="secondary">{person.birthDate.slice(0, 4)} · {statusLabel(person.verificationStatus, lang)}</Typography.Text></span>}>
      <div className="field-grid">
        <label>{t('verify.outcome')}</label>
        <Flex wrap gap={6} data-testid={`outcome-${person.id}`}>
          {VISIT_OUTCOMES.map((o) => (
            <Button key={o} size="small" type={draft.outcome === o ? 'primary' : 'default'} onClick={() => set('outcome')(o)} data-testid={`outcome-${person.id}-${o}`}>
              {statusLabel(o, lang)}
            </Button>
          ))}
        </Flex>
        <label>{t('verify.employmentStatus')}</label>
        <Select testId={`employment-${person.id}`} value={draft.employmentStatus} onChange={set('employmentStatus')} options={EMPLOYMENT_STATUS.values.map((v) => ({ value: v, label: employmentLabel(v, lang) }))} />
        <label>{t('verify.employerName')}</label>
        <Input value={draft.employerName} onChange={(e) => set('employerName')(e.target.value)} data-testid={`employer-${person.id}`} />
        <label>{t('verify.phone')}</label>
        <Input value={draft.phone} inputMode="tel" placeholder={person.phone ?? t('verify.phoneNone')} onChange={(e) => set('phone')(e.target.value)} data-testid={`phone-${person.id}`} />
        <label>{t('verify.jobWish')}</label>
        <Select multiple testId={`jobwish-${person.id}`} value={draft.jobWishTypes} onChange={set('jobWishTypes')} options={occupations} />
        <label>{t('verify.trainingWish')}</label>
        <Select testId={`training-${person.id}`} value={draft.trainingWish} onChange={set('trainingWish')} options={[{ value: '', label: t('common.none') }, ...occupations]} />
        <label>{t('verify.availableFrom')}</label>
        <Input type="date" value={draft.availableFrom} onChange={(e) => set('availableFrom')(e.target.value)} data-testid={`from-${person.id}`} />
        <label>{t('verify.preferredScope')}</label>
        <Select testId={`scope-${person.id}`} value={draft.preferredScope} onChange={set('preferredScope')} options={[{ value: '', label: t('common.none') }, ...LOCATION_SCOPE.values.map((v) => ({ value: v, label: scopeLabel(v, lang) }))]} />
        <label>{t('verify.minMonthlyPay')}</label>
        <Input inputMode="numeric" value={draft.minMonthlyPay} onChange={(e) => set('minMonthlyPay')(e.target.value.replace(/[^\d]/g, ''))} data-testid={`pay-${person.id}`} suffix={t('verify.yuan')} />
      </div>
    </Card>
  );
}

/**
 * The verifier's phone page: downloads the team's households once, captures visits with or
 * without a connection (kept in IndexedDB), and sends them when the connection returns.
 */
export default function VerifierPage() {
  const { t, lang, dateTime } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const [store, setStore] = useState<OfflineStore>();
  const [round, setRound] = useState<Round | null>(null);
  const [tasks, setTasks] = useState<LocalTask[]>([]);
  const [outbox, setOutbox] = useState<OutboxItem[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  const [busy, setBusy] = useState<'download' | 'sync' | null>(null);
  const [report, setReport] = useState<{ delivered: number; conflicts: number; failed: number } | null>(null);
  const [open, setOpen] = useState<LocalTask | null>(null);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [note, setNote] = useState('');
  const [downloadedAt, setDownloadedAt] = useState<string | undefined>();

  const reload = useCallback(async (s: OfflineStore) => {
    setTasks(await s.getRecords<LocalTask>('task'));
    setOutbox(await s.outbox());
    setRound((await s.getMeta<Round>('round')) ?? null);
    setDownloadedAt(await s.getMeta<string>('downloadedAt'));
  }, []);

  useEffect(() => {
    if (!user) return;
    let alive = true;
    openOfflineStore(`verifier-${user.id}`).then(async (s) => {
      if (!alive) return;
      setStore(s);
      await reload(s);
    });
    registerServiceWorker().catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [user, reload]);

  const runSync = useCallback(async (s: OfflineStore) => {
    setBusy('sync');
    let conflicts = 0;
    try {
      const r = await sync(s, {
        onDelivered: async (item, body) => {
          const result = body as VisitResult;
          conflicts += result.conflicts?.length ?? 0;
          const task = await s.getRecord<LocalTask>('task', String(result.taskId));
          if (!task) return;
          const versions = new Map(result.applied.map((a) => [a.personId, a]));
          await s.putRecord<LocalTask>('task', String(task.id), {
            ...task,
            status: result.taskStatus,
            captured: task.captured?.outboxId === item.id ? undefined : task.captured,
            persons: task.persons.map((p) => (versions.has(p.id) ? { ...p, version: versions.get(p.id)!.version, verificationStatus: versions.get(p.id)!.outcome } : p)),
          });
        },
      });
      setReport({ delivered: r.delivered, conflicts, failed: r.failed });
      if (r.stoppedBy === 'offline') message.warning(t('verify.stillOffline'));
    } finally {
      await reload(s);
      setBusy(null);
    }
  }, [message, reload, t]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      if (store) runSync(store);
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [store, runSync]);

  const download = async () => {
    if (!store) return;
    setBusy('download');
    try {
      const rounds = await api<{ items: Round[] }>('/verification-rounds', { query: { status: 'open' } });
      const r = rounds.items.find((x) => x.myTeamId != null) ?? null;
      if (!r) {
        message.info(t('verify.noRound'));
        return;
      }
      const dl = await api<{ items: Task[]; downloadedAt: string }>(`/verification-rounds/${r.id}/tasks`);
      const pending = new Map((await store.outbox()).filter((i) => i.ref?.startsWith('task:')).map((i) => [i.ref!.slice(5), i]));
      const old = new Map((await store.getRecords<LocalTask>('task')).map((x) => [String(x.id), x]));
      // Captures not yet sent keep their mark (and the values the verifier saw) over the fresh copy.
      await store.replaceRecords<LocalTask>('task', dl.items.map((x) => ({ key: String(x.id), value: pending.has(String(x.id)) && old.get(String(x.id)) ? old.get(String(x.id))! : x })));
      await store.setMeta('round', r);
      await store.setMeta('downloadedAt', dl.downloadedAt);
      message.success(t('verify.downloaded', { count: dl.items.length }));
    } catch (e) {
      message.error(isApiError(e) && e.status === 0 ? t('verify.offlineNoDownload') : (e as Error).message);
    } finally {
      await reload(store);
      setBusy(null);
    }
  };

  const openTask = (task: LocalTask) => {
    setOpen(task);
    setNote('');
    setDrafts(Object.fromEntries(task.persons.map((p) => [p.id, draftOf(p)])));
  };

  const save = async () => {
    if (!store || !open || !round) return;
    const persons = open.persons.map((p) => {
      const changes = changesOf(p, drafts[p.id]);
      return { personId: p.id, version: p.version, outcome: drafts[p.id].outcome, ...(Object.keys(changes).length ? { changes } : {}) };
    });
    const visitedAt = new Date().toISOString();
    const item = await store.enqueue({ method: 'POST', path: `/verification-rounds/${round.id}/visits`, body: { taskId: open.id, visitedAt, note: note.trim() || null, persons }, ref: `task:${open.id}` });
    await store.putRecord<LocalTask>('task', String(open.id), {
      ...open,
      captured: { at: visitedAt, outboxId: item.id },
      persons: open.persons.map((p) => ({ ...p, verificationStatus: drafts[p.id].outcome })),
    });
    setOpen(null);
    await reload(store);
    message.success(t('verify.captured'));
    if (navigator.onLine) runSync(store);
  };

  const pending = outbox.filter((i) => i.status === 'pending').length;
  const failed = outbox.filter((i) => i.status === 'failed');
  const sorted = useMemo(() => [...tasks].sort((a, b) => a.villageCode.localeCompare(b.villageCode) || a.householdNo.localeCompare(b.householdNo)), [tasks]);
  const stateOf = (x: LocalTask) => (x.captured ? 'captured' : x.status);
  const stateColor: Record<string, string> = { pending: 'default', captured: 'gold', visited: 'green', conflict: 'red' };

  if (open) {
    return (
      <div className="field-page" data-testid="visit-form">
        <Card size="small" title={`${open.householdNo} · ${open.villageName ?? open.villageCode}`} extra={<Button onClick={() => setOpen(null)} data-testid="visit-cancel">{t('common.cancel')}</Button>}>
          <Typography.Text type="secondary">{open.address}</Typography.Text>
        </Card>
        {open.persons.map((p) => (
          <PersonForm key={p.id} person={p} draft={drafts[p.id]} onChange={(d) => setDrafts({ ...drafts, [p.id]: d })} />
        ))}
        <Card size="small">
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('verify.note')} maxLength={500} data-testid="visit-note" />
          <Button type="primary" block size="large" style={{ marginTop: 12 }} onClick={save} data-testid="visit-save">
            {t('verify.save')}
          </Button>
        </Card>
      </div>
    );
  }

  return (
    <div className="field-page" data-testid="verifier-page">
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="verify-round">{round?.name ?? t('verify.title')}</Typography.Title>
            {downloadedAt && <Typography.Text type="secondary">{t('verify.downloadedAt', { at: dateTime(downloadedAt) })}</Typography.Text>}
          </div>
          <Space>
            <Tag color={online ? 'green' : 'orange'} data-testid="net-status" data-online={online ? 'true' : 'false'}>{online ? t('verify.online') : t('verify.offline')}</Tag>
            <Tag data-testid="outbox-count" data-count={pending}>{t('verify.pending', { count: pending })}</Tag>
          </Space>
        </Flex>
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Button icon={<CloudDownloadOutlined />} onClick={download} loading={busy === 'download'} disabled={!online} data-testid="verify-download" block>{t('verify.download')}</Button>
          <Button icon={<SyncOutlined />} type="primary" onClick={() => store && runSync(store)} loading={busy === 'sync'} disabled={!online || (!pending && !failed.length)} data-testid="verify-sync" block>{t('verify.sync')}</Button>
        </Flex>
        {report && (
          <Alert
            style={{ marginTop: 12 }}
            type={report.conflicts || report.failed ? 'warning' : 'success'}
            data-testid="sync-report"
            data-delivered={report.delivered}
            data-conflicts={report.conflicts}
            title={t('verify.report', { delivered: report.delivered, conflicts: report.conflicts, failed: report.failed })}
            showIcon
          />
        )}
        {failed.map((f) => (
          <Alert key={f.id} style={{ marginTop: 8 }} type="error" showIcon data-testid="outbox-failed" title={`${f.problem?.code}: ${f.problem?.detail}`} />
        ))}
      </Card>
      {sorted.length === 0 ? (
        <Empty description={t('verify.empty')} />
      ) : (
        <List
          className="field-tasks"
          dataSource={sorted}
          renderItem={(x) => (
            <List.Item
              key={x.id}
              onClick={() => !x.frozen && openTask(x)}
              data-testid={`task-${x.householdNo}`}
              data-status={stateOf(x)}
              style={{ cursor: x.frozen ? 'default' : 'pointer' }}
              extra={<Tag color={stateColor[stateOf(x)]}>{t(`verify.state.${stateOf(x)}` as 'verify.state.pending')}</Tag>}
            >
              <List.Item.Meta
                title={`${x.householdNo} · ${x.villageName ?? x.villageCode}`}
                description={x.persons.map((p) => `${p.name}（${employmentLabel(p.employmentStatus, lang)}${p.jobWishTypes.length ? `，${p.jobWishTypes.map((c) => occupationLabel(c, lang)).join('、')}` : ''}）`).join('；')}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
