import { Button, Col, Drawer, Form, Input, InputNumber, Row, Switch } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { OPERATING_STATUSES, type Employer } from './demand-api.ts';
import { ProblemsAlert, useDemandSave } from './demand-save.tsx';
import { RegionCodeInput, VocabSelect } from './demand-ui.tsx';

/** Registers an employer, or edits one (sending the version it was read at). */
export function EmployerForm({ open, employer, onClose, onSaved }: { open: boolean; employer?: Employer; onClose: () => void; onSaved?: (e: Employer) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const status = Form.useWatch('operatingStatus', form);
  const workshop = Form.useWatch('isWorkshop', form);
  const { save, problems, submit } = useDemandSave({
    form,
    onSaved,
    onClose,
    request: (values: Record<string, unknown>) => {
      const body = { ...values, statusDate: values.statusDate || null, workshopRecognizedOn: values.workshopRecognizedOn || null, scopeCode: values.scopeCode || undefined };
      return employer ? api<Employer>(`/employers/${employer.id}`, { method: 'PATCH', body: { ...body, version: employer.version } }) : api<Employer>('/employers', { method: 'POST', body });
    },
  });
  return (
    <Drawer title={t(employer ? 'employer.edit' : 'employer.new')} open={open} onClose={onClose} size={640} destroyOnHidden extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="employer-save">{t('common.save')}</Button>}>
      <ProblemsAlert problems={problems} />
      <Form
        form={form}
        layout="vertical"
        initialValues={employer ?? { operatingStatus: 'operating', isSme: true, isWorkshop: false, employeesTotal: 0, poorEmployees: 0 }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('employer.name')} rules={[{ required: true }]}><Input data-testid="employer-name" /></Form.Item>
        <Form.Item name="creditCode" label={t('employer.creditCode')} extra={t('employer.creditCode.help')} rules={[{ required: true }]}><Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="employer-credit-code" /></Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="regionCode" label={t('employer.region')} extra={t('employer.region.help')} rules={[{ required: true }]}><RegionCodeInput testId="employer-region" /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="scopeCode" label={t('employer.scope')} extra={t('employer.scope.help')}><RegionCodeInput /></Form.Item></Col>
        </Row>
        <Form.Item name="address" label={t('employer.address')}><Input /></Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="industry" label={t('employer.industry')}><Input /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="isSme" label={t('employer.isSme')} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="isWorkshop" label={t('employer.isWorkshop')} valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        {workshop && <Form.Item name="workshopRecognizedOn" label={t('employer.workshopRecognizedOn')}><Input placeholder="YYYY-MM-DD" /></Form.Item>}
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="contactName" label={t('employer.contactName')}><Input /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="contactPhone" label={t('employer.contactPhone')}><Input /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="operatingStatus" label={t('employer.operatingStatus')}><VocabSelect values={OPERATING_STATUSES} prefix="employer.status" testId="employer-status" /></Form.Item></Col>
          {status && status !== 'operating' && <Col xs={24} md={12}><Form.Item name="statusDate" label={t('employer.statusDate')}><Input placeholder="YYYY-MM-DD" /></Form.Item></Col>}
        </Row>
        <Row gutter={16}>
          <Col xs={12}><Form.Item name="employeesTotal" label={t('employer.employeesTotal')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12}><Form.Item name="poorEmployees" label={t('employer.poorEmployees')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
      </Form>
    </Drawer>
  );
}
