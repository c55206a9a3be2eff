import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { POST_TYPES, POSTING_STATUSES, type Employer, type Page, type Posting } from './demand-api.ts';
import { ProblemsAlert, useDemandSave } from './demand-save.tsx';
import { OccupationSelect, RegionCodeInput, VocabSelect } from './demand-ui.tsx';

// The form edits yuan; the API takes fen. Form item names are the API's field names, so that a
// server error on `payMinFen` lands on the field that shows it.
const yuanProps = {
  getValueProps: (v: number | null | undefined) => ({ value: v == null ? v : v / 100 }),
  normalize: (v: number | null | undefined) => (v == null ? v : Math.round(v * 100)),
};

function EmployerPicker({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['demand', 'employer-pick', q], queryFn: ({ signal }) => api<Page<Employer>>('/employers', { query: { q, limit: 30 }, signal }) });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={list.isFetching}
      options={(list.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} (${e.creditCode})` }))}
      data-testid="posting-employer"
    />
  );
}

/** Creates or edits a posting; each rule the server checks is shown next to its field. */
export function PostingForm({ open, posting, employerId, onClose, onSaved }: { open: boolean; posting?: Posting; employerId?: number; onClose: () => void; onSaved?: (p: Posting) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const type = Form.useWatch('postType', form);
  const { save, problems, submit } = useDemandSave({
    form,
    onSaved,
    onClose,
    request: (v: Record<string, any>) => {
      const req = v.requirements ?? {};
      const body = {
        ...v,
        endDate: v.endDate || null,
        externalNo: v.externalNo || null,
        accidentInsuranceFen: v.accidentInsuranceFen ?? null,
        requirements: { ...req, skills: req.skills ?? [], certificates: req.certificates ?? [], other: req.other || null },
      };
      return posting ? api<Posting>(`/postings/${posting.id}`, { method: 'PATCH', body: { ...body, employerId: undefined, version: posting.version } }) : api<Posting>('/postings', { method: 'POST', body });
    },
  });
  const initial = posting ?? { employerId, postType: 'regular', status: 'open', openings: 1, filled: 0, board: false, lodging: false, weakLaborOk: false, requirements: { healthCertificate: false, skills: [], certificates: [] } };
  return (
    <Drawer title={t(posting ? 'posting.edit' : 'posting.new')} open={open} onClose={onClose} size={720} destroyOnHidden extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="posting-save">{t('common.save')}</Button>}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('posting.rules')}</Typography.Paragraph>
      <ProblemsAlert problems={problems} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
      >
        {!posting && <Form.Item name="employerId" label={t('posting.employer')} rules={[{ required: true }]}><EmployerPicker /></Form.Item>}
        <Row gutter={16}>
          <Col xs={24} md={16}><Form.Item name="title" label={t('posting.title')} rules={[{ required: true }]}><Input data-testid="posting-title" /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="externalNo" label={t('posting.externalNo')}><Input /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="occupationCode" label={t('posting.occupation')} rules={[{ required: true }]}><OccupationSelect testId="posting-occupation" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="postType" label={t('posting.postType')}><VocabSelect values={POST_TYPES} prefix="posting.type" testId="posting-type" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="status" label={t('posting.status')}><VocabSelect values={POSTING_STATUSES} prefix="posting.status" /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name="openings" label={t('posting.openings')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="filled" label={t('posting.filled')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="payMinFen" label={t('posting.payMin')} rules={[{ required: true }]} {...yuanProps}><InputNumber min={0} step={100} style={{ width: '100%' }} data-testid="posting-pay-min" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="payMaxFen" label={t('posting.payMax')} rules={[{ required: true }]} {...yuanProps}><InputNumber min={0} step={100} style={{ width: '100%' }} data-testid="posting-pay-max" /></Form.Item></Col>
        </Row>
        {type === 'public_welfare' && (
          <Form.Item name="accidentInsuranceFen" label={t('posting.insurance')} extra={t('posting.insurance.help')} {...yuanProps}><InputNumber min={0} step={10000} style={{ width: '100%' }} data-testid="posting-insurance" /></Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="regionCode" label={t('posting.region')}><RegionCodeInput testId="posting-region" /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="address" label={t('posting.address')}><Input /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={8}><Form.Item name="startDate" label={t('posting.startDate')} rules={[{ required: true }]}><Input placeholder="YYYY-MM-DD" data-testid="posting-start" /></Form.Item></Col>
          <Col xs={12} md={8}><Form.Item name="endDate" label={t('posting.endDate')}><Input placeholder="YYYY-MM-DD" data-testid="posting-end" /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="hours" label={t('posting.hours')}><Input /></Form.Item></Col>
        </Row>
        <Divider titlePlacement="start">{t('posting.requirements')}</Divider>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name={['requirements', 'ageMin']} label={t('posting.ageMin')}><InputNumber min={16} max={75} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['requirements', 'ageMax']} label={t('posting.ageMax')}><InputNumber min={16} max={75} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name={['requirements', 'healthCertificate']} label={t('posting.healthCertificate')} valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        <Form.Item name={['requirements', 'skills']} label={t('posting.skills')}><Select mode="tags" /></Form.Item>
        <Form.Item name={['requirements', 'certificates']} label={t('posting.certificates')}><Select mode="tags" /></Form.Item>
        <Form.Item name={['requirements', 'other']} label={t('posting.other')}><Input.TextArea rows={2} data-testid="posting-other" /></Form.Item>
        <Divider titlePlacement="start">{t('posting.conditions')}</Divider>
        <Row gutter={16}>
          <Col xs={8}><Form.Item name="board" label={t('posting.board')} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col xs={8}><Form.Item name="lodging" label={t('posting.lodging')} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col xs={8}><Form.Item name="weakLaborOk" label={t('posting.weakLaborOk')} valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        <Form.Item name="description" label={t('posting.description')}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Drawer>
  );
}
