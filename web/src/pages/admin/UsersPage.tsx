import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { ROLE_SCOPE_DEPTH, ROLES, type Role } from '../../../../src/domain/access/roles.ts';
import { api } from '../../api/client.ts';
import { showFieldErrors } from '../../api/form-errors.ts';
import { useSession } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { RegionSelect } from '../regions/region-ui.tsx';

interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  employerId: number | null;
  disabled: boolean;
  createdAt: string;
}

interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  role: Role;
  regionCode?: string;
}

const KEY = ['users'];
const LEVELS = ['province', 'city', 'county', 'town', 'village'];

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, roleName, levelName, issueText } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form);
  const depth = role ? ROLE_SCOPE_DEPTH[role] : null;
  const level = depth ? LEVELS[depth - 1] : undefined;
  const create = useMutation({
    mutationFn: (v: NewUser) => api<User>('/users', { method: 'POST', body: { ...v, regionCode: v.regionCode ?? '', displayName: v.displayName || undefined } }),
    onSuccess: (u) => {
      message.success(t('users.created', { username: u.username }));
      client.invalidateQueries({ queryKey: KEY });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, issueText)) message.error(e.message);
    },
  });
  const roles = ROLES.filter((r) => r !== 'admin' || user?.role === 'admin');

  return (
    <Modal open={open} title={t('users.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('common.create')} destroyOnHidden forceRender>
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} requiredMark={false} data-testid="user-form">
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, message: t('login.required', { field: t('users.username') }) }]}>
          <Input autoComplete="off" maxLength={40} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input maxLength={60} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} rules={[{ required: true, message: t('login.required', { field: t('users.password') }) }]}>
          <Input.Password autoComplete="new-password" placeholder={t('account.passwordRule')} data-testid="user-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('login.required', { field: t('users.role') }) }]}>
          <Select options={roles.map((r) => ({ value: r, label: <span data-testid={`role-option-${r}`}>{roleName(r)}</span> }))} data-testid="user-role" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('users.region')} extra={level ? `${t('region.level')}: ${levelName(level)}` : undefined} rules={[{ required: role !== 'admin', message: t('login.required', { field: t('users.region') }) }]}>
          <RegionSelect level={level} placeholder={t('users.regionPlaceholder')} testId="user-region" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t, roleName, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api<{ items: User[] }>('/users', { signal }).then((r) => r.items) });
  const f = filter.trim().toLowerCase();
  const rows = (list.data ?? []).filter((u) => !f || u.username.toLowerCase().includes(f) || u.displayName.toLowerCase().includes(f) || u.regionCode.startsWith(f));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="users-page">
      <PageHeader title={t('users.title')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="user-create">
          {t('users.create')}
        </Button>
      </PageHeader>
      <Card size="small" title={t('users.count', { count: list.data?.length ?? 0 })} extra={<Input size="small" allowClear prefix={<SearchOutlined />} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 200 }} />}>
        <Table<User>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          data-testid="users-table"
          onRow={(u) => ({ 'data-testid': `user-row-${u.username}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('users.username'), dataIndex: 'username', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            { title: t('users.role'), dataIndex: 'role', render: (r: string) => <Tag color="green">{roleName(r)}</Tag> },
            { title: t('users.region'), dataIndex: 'regionCode', render: (c: string) => (c ? <Link to={`/regions/${c}`}><Typography.Text code>{c}</Typography.Text></Link> : t('region.nationwide')) },
            { title: t('users.status'), dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag>{t('users.disabled')}</Tag> : <Tag color="blue">{t('users.active')}</Tag>), responsive: ['md'] },
            { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v), responsive: ['lg'] },
          ]}
        />
      </Card>
      <CreateUserModal open={open} onClose={() => setOpen(false)} />
    </Space>
  );
}
