import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PERMISSIONS } from '../../../../src/domain/access/permissions/index.ts';
import { api, type Account } from '../../api/client.ts';
import { showFieldErrors } from '../../api/form-errors.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BUILTIN_OCCUPATIONS, occupationLabel } from '../field/field-api.ts';
import type { Course, Outcomes, Provider } from './training-api.ts';
import '../field/field.css';

const can = (role: string | undefined, action: string) => role === 'admin' || (!!role && (PERMISSIONS[action] ?? []).includes(role as never));

function CourseForm({ open, onClose, providers, isTrainer }: { open: boolean; onClose: () => void; providers: Provider[]; isTrainer: boolean }) {
  const { t, lang, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: any) => api<Course>('/courses', {
      method: 'POST',
      body: { providerId: v.providerId, title: v.title, occupationCode: v.occupationCode, mode: v.mode, hours: v.hours, capacity: v.capacity, startsOn: v.dates?.[0]?.format('YYYY-MM-DD') ?? '', endsOn: v.dates?.[1]?.format('YYYY-MM-DD') ?? '', schedule: v.schedule ?? '', place: v.place ?? null, onlinePlatform: v.onlinePlatform ?? null, subsidyApplies: !!v.subsidyApplies },
    }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['courses'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, issueText)) message.error(e.message);
    },
  });
  return (
    <Modal open={open} title={t('courses.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ mode: 'blended', hours: 40, capacity: 30 }} data-testid="course-form">
        {!isTrainer && (
          <Form.Item name="providerId" label={t('courses.provider')} rules={[{ required: true }]}>
            <Select options={providers.map((p) => ({ value: p.id, label: p.name }))} data-testid="course-provider" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('courses.titleField')} rules={[{ required: true }]}><Input data-testid="course-title" /></Form.Item>
        <Form.Item name="occupationCode" label={t('courses.occupation')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={BUILTIN_OCCUPATIONS.map((o) => ({ value: o.code, label: `${occupationLabel(o.code, lang)} ${o.code}` }))} data-testid="course-occupation" />
        </Form.Item>
        <Form.Item name="mode" label={t('courses.mode')}>
          <Select options={['online', 'offline', 'blended'].map((m) => ({ value: m, label: t(`courses.mode.${m}` as 'courses.mode.online') }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="hours" label={t('courses.hours')}><InputNumber min={1} /></Form.Item>
          <Form.Item name="capacity" label={t('courses.capacity')}><InputNumber min={1} /></Form.Item>
        </Space>
        <Form.Item name="dates" label={t('courses.dates')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="schedule" label={t('courses.schedule')}><Input /></Form.Item>
        <Form.Item name="place" label={t('courses.place')}><Input /></Form.Item>
        <Form.Item name="onlinePlatform" label={t('courses.platform')}><Input /></Form.Item>
        <Form.Item name="subsidyApplies" valuePropName="checked"><Checkbox>{t('courses.subsidy')}</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}

/** Providers and the trainer accounts acting for them (officers). */
function ProvidersCard({ providers }: { providers: Provider[] }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [link, setLink] = useState<{ provider?: number; user?: number }>({});
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<{ items: Account[] }>('/users') });
  const trainers = (users.data?.items ?? []).filter((u) => u.role === 'trainer');
  const done = () => client.invalidateQueries({ queryKey: ['providers'] });
  const create = useMutation({ mutationFn: () => api('/training-providers', { method: 'POST', body: { name } }), onSuccess: () => { setName(''); done(); }, onError: (e) => message.error(e.message) });
  const attach = useMutation({ mutationFn: () => api(`/training-providers/${link.provider}/accounts`, { method: 'POST', body: { userId: link.user } }), onSuccess: done, onError: (e) => message.error(e.message) });
  return (
    <Card size="small" title={t('courses.providers')}>
      <List size="small" dataSource={providers} renderItem={(p) => <List.Item>{p.name} <Typography.Text type="secondary">{p.accounts.map((a) => a.username).join('、')}</Typography.Text></List.Item>} />
      <Space wrap style={{ marginTop: 8 }}>
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('courses.providerName')} />
        <Button disabled={!name.trim()} onClick={() => create.mutate()}>{t('courses.addProvider')}</Button>
        <Select style={{ width: 180 }} placeholder={t('courses.provider')} value={link.provider} onChange={(v) => setLink({ ...link, provider: v })} options={providers.map((p) => ({ value: p.id, label: p.name }))} />
        <Select style={{ width: 180 }} placeholder={t('courses.trainer')} value={link.user} onChange={(v) => setLink({ ...link, user: v })} options={trainers.map((u) => ({ value: u.id, label: u.username }))} />
        <Button disabled={!link.provider || !link.user} onClick={() => attach.mutate()}>{t('courses.link')}</Button>
      </Space>
    </Card>
  );
}

/** Courses (a trainer sees its own), their outcomes, and for officers the providers. */
export default function CoursesPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  const courses = useQuery({ queryKey: ['courses'], queryFn: () => api<{ items: Course[] }>('/courses') });
  const providers = useQuery({ queryKey: ['providers'], queryFn: () => api<{ items: Provider[] }>('/training-providers') });
  const outcomes = useQuery({ queryKey: ['courses', 'outcomes'], queryFn: () => api<Outcomes>('/courses/outcomes'), enabled: can(user?.role, 'course.outcomes') });
  const isTrainer = user?.role === 'trainer';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="courses-page">
      <Card
        size="small"
        title={t('courses.title')}
        extra={can(user?.role, 'course.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="course-create">{t('courses.create')}</Button>}
      >
        <List
          dataSource={courses.data?.items ?? []}
          loading={courses.isLoading}
          renderItem={(c) => (
            <List.Item key={c.id} data-testid={`course-${c.id}`} extra={<Tag>{t(`courses.mode.${c.mode}` as 'courses.mode.online')}</Tag>}>
              <List.Item.Meta
                title={<Link to={`/training/courses/${c.id}`}>{c.title}</Link>}
                description={`${c.providerName} · ${occupationLabel(c.occupationCode, lang)} · ${c.startsOn} ~ ${c.endsOn} · ${t('courses.seats', { enrolled: c.enrolled, capacity: c.capacity })}${c.subsidyApplies ? ` · ${t('courses.subsidy')}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Card>
      {outcomes.data && (
        <Card size="small" title={t('courses.outcomes', { months: outcomes.data.months })} data-testid="course-outcomes">
          <Table
            rowKey="courseId"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={outcomes.data.byCourse}
            columns={[
              { title: t('courses.titleField'), dataIndex: 'title' },
              { title: t('courses.provider'), dataIndex: 'providerName' },
              { title: t('courses.completed'), dataIndex: 'completed' },
              { title: t('courses.dropped'), dataIndex: 'dropped' },
              { title: t('courses.atWork'), dataIndex: 'atWork' },
              { title: t('courses.atWorkPercent'), dataIndex: 'atWorkPercent', render: (v) => (v == null ? '—' : `${v}%`) },
              { title: t('courses.windowOpen'), dataIndex: 'windowOpen' },
            ]}
          />
        </Card>
      )}
      {can(user?.role, 'training_provider.manage') && <ProvidersCard providers={providers.data?.items ?? []} />}
      <CourseForm open={creating} onClose={() => setCreating(false)} providers={providers.data?.items ?? []} isTrainer={isTrainer} />
    </Space>
  );
}
