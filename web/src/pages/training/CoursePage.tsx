import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Descriptions, Input, InputNumber, List, Modal, Progress, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PERMISSIONS } from '../../../../src/domain/access/permissions/index.ts';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { employmentLabel, occupationLabel } from '../field/field-api.ts';
import type { Course, Enrollment, Target } from './training-api.ts';
import '../field/field.css';

const can = (role: string | undefined, action: string) => role === 'admin' || (!!role && (PERMISSIONS[action] ?? []).includes(role as never));
const today = () => new Date().toISOString().slice(0, 10);

function Targets({ course }: { course: Course }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const targets = useQuery({ queryKey: ['course', course.id, 'targets'], queryFn: () => api<{ items: Target[] }>(`/courses/${course.id}/targets`) });
  const enroll = useMutation({
    mutationFn: (personId: number) => api<Enrollment>('/enrollments', { method: 'POST', body: { courseId: course.id, personId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['course', course.id] }),
    onError: (e) => message.error(e.message),
  });
  return (
    <Table<Target>
      rowKey="personId"
      size="small"
      loading={targets.isLoading}
      dataSource={targets.data?.items ?? []}
      scroll={{ x: true }}
      onRow={(r) => ({ 'data-testid': `target-${r.personId}` }) as any}
      columns={[
        { title: t('courses.person'), render: (_, r) => `${r.name}（${r.age}）` },
        { title: t('courses.village'), dataIndex: 'villageName' },
        { title: t('courses.employment'), render: (_, r) => employmentLabel(r.employmentStatus, lang) },
        { title: t('courses.fit'), render: (_, r) => <Tag color={r.affinity >= 4 ? 'green' : 'blue'}>{t(`courses.via.${r.via}` as 'courses.via.training_wish')}</Tag> },
        { title: t('courses.wishes'), render: (_, r) => [r.trainingWish, ...r.jobWishTypes].filter(Boolean).map((c) => occupationLabel(c!, lang)).join('、') },
        {
          title: '',
          render: (_, r) => r.enrollment
            ? <Tag>{t(`enrollments.status.${r.enrollment}` as 'enrollments.status.enrolled')}</Tag>
            : <Button size="small" type="primary" disabled={course.status !== 'open' || course.enrolled >= course.capacity} onClick={() => enroll.mutate(r.personId)} data-testid={`enroll-${r.personId}`}>{t('courses.enroll')}</Button>,
        },
      ]}
    />
  );
}

/** Attendance, completion (certificate) or drop-out of one enrollment, in one small dialog. */
function EnrollmentActions({ e, onDone }: { e: Enrollment; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [mode, setMode] = useState<'attendance' | 'complete' | 'drop' | null>(null);
  const [date, setDate] = useState(today());
  const [hours, setHours] = useState<number | null>(4);
  const [cert, setCert] = useState('');
  const [level, setLevel] = useState('');
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: () => {
      if (mode === 'attendance') return api(`/enrollments/${e.id}/attendance`, { method: 'POST', body: { onDate: date, hours } });
      if (mode === 'complete') return api(`/enrollments/${e.id}/complete`, { method: 'POST', body: { completedOn: date, certificateNo: cert || null, certificateLevel: level || null, version: e.version } });
      return api(`/enrollments/${e.id}/drop`, { method: 'POST', body: { droppedOn: date, reason: reason || null, version: e.version } });
    },
    onSuccess: () => {
      setMode(null);
      onDone();
    },
    onError: (err) => message.error(err.message),
  });
  if (e.status !== 'enrolled') return null;
  return (
    <>
      <Space wrap>
        <Button size="small" onClick={() => setMode('attendance')} data-testid={`attend-${e.id}`}>{t('enrollments.attendance')}</Button>
        <Button size="small" type="primary" onClick={() => setMode('complete')} data-testid={`complete-${e.id}`}>{t('enrollments.complete')}</Button>
        <Button size="small" danger onClick={() => setMode('drop')} data-testid={`drop-${e.id}`}>{t('enrollments.drop')}</Button>
      </Space>
      <Modal open={mode !== null} title={mode && t(`enrollments.${mode}` as 'enrollments.complete')} onCancel={() => setMode(null)} onOk={() => act.mutate()} confirmLoading={act.isPending} destroyOnHidden>
        <div className="field-grid">
          <label>{t('enrollments.date')}</label>
          <Input type="date" value={date} onChange={(x) => setDate(x.target.value)} data-testid="enrollment-date" />
          {mode === 'attendance' && (<><label>{t('enrollments.hours')}</label><InputNumber min={1} max={12} value={hours} onChange={setHours} data-testid="enrollment-hours" /></>)}
          {mode === 'complete' && (<><label>{t('enrollments.certificateNo')}</label><Input value={cert} onChange={(x) => setCert(x.target.value)} data-testid="enrollment-cert" /><label>{t('enrollments.certificateLevel')}</label><Input value={level} onChange={(x) => setLevel(x.target.value)} data-testid="enrollment-level" /></>)}
          {mode === 'drop' && (<><label>{t('enrollments.reason')}</label><Input value={reason} onChange={(x) => setReason(x.target.value)} /></>)}
        </div>
      </Modal>
    </>
  );
}

function Enrollments({ course }: { course: Course }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['course', course.id, 'enrollments'], queryFn: () => api<{ items: Enrollment[] }>('/enrollments', { query: { courseId: course.id } }) });
  const color: Record<string, string> = { enrolled: 'blue', completed: 'green', dropped: 'default' };
  return (
    <List
      dataSource={list.data?.items ?? []}
      loading={list.isLoading}
      renderItem={(e) => (
        <List.Item key={e.id} data-testid={`enrollment-${e.personId}`} data-status={e.status}>
          <div style={{ width: '100%' }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <span>{e.personName} <Tag color={color[e.status]}>{t(`enrollments.status.${e.status}` as 'enrollments.status.enrolled')}</Tag></span>
              <EnrollmentActions e={e} onDone={() => client.invalidateQueries({ queryKey: ['course', course.id] })} />
            </Space>
            <Progress percent={e.progressPercent} size="small" format={() => `${e.hoursAttended}/${e.courseHours}h`} />
            {e.status === 'completed' && <Typography.Text type="secondary">{t('enrollments.certificate', { no: e.certificateNo ?? '—', level: e.certificateLevel ?? '—', on: e.completedOn ?? '' })}</Typography.Text>}
          </div>
        </List.Item>
      )}
    />
  );
}

/** One course: its facts, the people it targets (staff), and its enrollments with progress. */
export default function CoursePage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { user } = useSession();
  const course = useQuery({ queryKey: ['course', Number(id), 'detail'], queryFn: () => api<Course>(`/courses/${id}`) });
  const c = course.data;
  if (!c) return <Card loading />;
  return (
    <div className="field-page" data-testid="course-page">
      <Card size="small" title={c.title}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
          { key: 'p', label: t('courses.provider'), children: c.providerName },
          { key: 'o', label: t('courses.occupation'), children: occupationLabel(c.occupationCode, lang) },
          { key: 'm', label: t('courses.mode'), children: t(`courses.mode.${c.mode}` as 'courses.mode.online') },
          { key: 'h', label: t('courses.hours'), children: c.hours },
          { key: 'd', label: t('courses.dates'), children: `${c.startsOn} ~ ${c.endsOn}` },
          { key: 's', label: t('courses.schedule'), children: c.schedule || '—' },
          { key: 'pl', label: t('courses.place'), children: c.place ?? c.onlinePlatform ?? '—' },
          { key: 'c', label: t('courses.capacity'), children: t('courses.seats', { enrolled: c.enrolled, capacity: c.capacity }) },
        ]} />
      </Card>
      <Card size="small">
        <Tabs items={[
          { key: 'enrollments', label: t('courses.enrollments'), children: <Enrollments course={c} /> },
          ...(can(user?.role, 'course.target') ? [{ key: 'targets', label: <span data-testid="tab-targets">{t('courses.targets')}</span>, children: <Targets course={c} /> }] : []),
        ]} />
      </Card>
    </div>
  );
}
