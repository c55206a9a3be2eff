import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { MobileOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { EVENT_KINDS, type CampaignDetail, type CampaignEvent, type Page, type Posting } from './demand-api.ts';
import { placeErrors, RegionCodeInput, useCan, VocabSelect } from './demand-ui.tsx';

function EventForm({ campaignId, open, onClose }: { campaignId: number; open: boolean; onClose: () => void }) {
  const { t, issueText } = useI18n();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<string[]>([]);
  const client = useQueryClient();
  const postings = useQuery({ queryKey: ['demand', 'open-postings'], queryFn: ({ signal }) => api<Page<Posting>>('/postings', { query: { status: 'open', limit: 500 }, signal }), enabled: open });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api<CampaignEvent>(`/campaigns/${campaignId}/events`, { method: 'POST', body: v }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['demand', 'campaign', String(campaignId)] });
      form.resetFields();
      onClose();
    },
    onError: (err) => setProblems(placeErrors(form, err, issueText)),
  });
  return (
    <Modal open={open} title={t('event.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden width={640}>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'onsite_fair', postingIds: [] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('event.kind')}><VocabSelect values={EVENT_KINDS} prefix="event.kind" /></Form.Item>
        <Form.Item name="name" label={t('event.name')} rules={[{ required: true }]}><Input /></Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}><Form.Item name="regionCode" label={t('event.region')} rules={[{ required: true }]}><RegionCodeInput /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="heldOn" label={t('event.heldOn')} rules={[{ required: true }]}><Input placeholder="YYYY-MM-DD" /></Form.Item></Col>
        </Row>
        <Form.Item name="place" label={t('event.place')}><Input /></Form.Item>
        <Form.Item name="postingIds" label={t('event.postings')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={postings.isLoading} options={(postings.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title} · ${p.employerName}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CampaignPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['demand', 'campaign', id], queryFn: ({ signal }) => api<CampaignDetail>(`/campaigns/${id}`, { signal }) });
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  const c = q.data;
  const total = c?.summary.total;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card loading={q.isLoading} title={c?.name} extra={c && <Typography.Text type="secondary">{c.startsOn} – {c.endsOn} · {c.regionCode}</Typography.Text>}>
        {c?.description && <Typography.Paragraph>{c.description}</Typography.Paragraph>}
        {total && (
          <Row gutter={16}>
            <Col xs={8} md={4}><Statistic title={t('campaign.events')} value={total.events} /></Col>
            <Col xs={8} md={4}><Statistic title={t('campaign.employers')} value={total.employers} /></Col>
            <Col xs={8} md={4}><Statistic title={t('campaign.postings')} value={total.postings} /></Col>
            <Col xs={8} md={4}><Statistic title={t('campaign.openings')} value={total.openings} /></Col>
            <Col xs={8} md={4}><Statistic title={t('campaign.attendees')} value={total.attendees} /></Col>
            <Col xs={8} md={4}><Statistic title={t('campaign.intentions')} value={total.intentions} /></Col>
          </Row>
        )}
      </Card>
      {c && (
        <Card size="small" title={t('campaign.summary')}>
          <Table
            rowKey="regionCode"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={c.summary.byRegion}
            columns={[
              { title: t('event.region'), render: (_, r) => `${r.regionName ?? ''} ${r.regionCode}` },
              { title: t('campaign.events'), dataIndex: 'events' },
              { title: t('campaign.employers'), dataIndex: 'employers' },
              { title: t('campaign.postings'), dataIndex: 'postings' },
              { title: t('campaign.openings'), dataIndex: 'openings' },
              { title: t('campaign.attendees'), dataIndex: 'attendees' },
              { title: t('campaign.intentions'), dataIndex: 'intentions' },
            ]}
          />
        </Card>
      )}
      {c && (
        <Card size="small" title={t('campaign.events')} extra={can('campaign.event') && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="event-new">{t('event.new')}</Button>}>
          <Table<CampaignEvent>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={c.events}
            columns={[
              { title: t('event.heldOn'), dataIndex: 'heldOn' },
              { title: t('event.kind'), render: (_, e) => t(`event.kind.${e.kind}` as never) },
              { title: t('event.name'), dataIndex: 'name' },
              { title: t('event.place'), render: (_, e) => `${e.regionName ?? ''} ${e.place}` },
              { title: t('campaign.postings'), render: (_, e) => e.postingIds.length },
              { title: t('campaign.attendees'), dataIndex: 'attendees' },
              { title: t('campaign.intentions'), dataIndex: 'intentions' },
              { title: '', render: (_, e) => can('campaign.checkin') && <Link to={`/campaigns/${c.id}/events/${e.id}/checkin`}><Button size="small" icon={<MobileOutlined />}>{t('event.checkin')}</Button></Link> },
            ]}
          />
        </Card>
      )}
      {c && <EventForm campaignId={c.id} open={adding} onClose={() => setAdding(false)} />}
    </Space>
  );
}
