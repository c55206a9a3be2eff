import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Campaign, Page } from './demand-api.ts';
import { placeErrors, RegionCodeInput, useCan } from './demand-ui.tsx';

function CampaignForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, issueText } = useI18n();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<string[]>([]);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api<Campaign>('/campaigns', { method: 'POST', body: v }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['demand', 'campaigns'] });
      form.resetFields();
      onClose();
    },
    onError: (err) => setProblems(placeErrors(form, err, issueText)),
  });
  return (
    <Modal open={open} title={t('campaign.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('campaign.name')} rules={[{ required: true }]}><Input placeholder="春风行动" data-testid="campaign-name" /></Form.Item>
        <Form.Item name="regionCode" label={t('campaign.region')}><RegionCodeInput /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="startsOn" label={t('campaign.startsOn')} rules={[{ required: true }]} style={{ flex: 1 }}><Input placeholder="YYYY-MM-DD" /></Form.Item>
          <Form.Item name="endsOn" label={t('campaign.endsOn')} rules={[{ required: true }]} style={{ flex: 1 }}><Input placeholder="YYYY-MM-DD" /></Form.Item>
        </Flex>
        <Form.Item name="description" label={t('campaign.description')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function CampaignsPage() {
  const { t } = useI18n();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['demand', 'campaigns'], queryFn: ({ signal }) => api<Page<Campaign>>('/campaigns', { query: { limit: 200 }, signal }) });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('nav.campaigns')}</Typography.Title>
        {can('campaign.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">{t('campaign.new')}</Button>}
      </Flex>
      <Card size="small">
        <Table<Campaign>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('campaign.name'), render: (_, c) => <Link to={`/campaigns/${c.id}`}>{c.name}</Link> },
            { title: t('campaign.region'), dataIndex: 'regionCode' },
            { title: t('campaign.period'), render: (_, c) => `${c.startsOn} – ${c.endsOn}` },
          ]}
        />
      </Card>
      <CampaignForm open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
