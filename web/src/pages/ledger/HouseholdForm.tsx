import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Col, Form, Input, InputNumber, Modal, Row, Switch } from 'antd';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { HouseholdDetail } from './ledger-api.ts';
import { placeFieldErrors, RegionPicker, VocabSelect } from './ledger-ui.tsx';

interface Values {
  householdNo?: string;
  villageCode?: string;
  address?: string;
  category?: string;
  monitoredSubtype?: string;
  relocated?: boolean;
  incomePerCapita?: number | null;
  categoryEffectiveDate?: string;
}

/** Creates a household (then opens its page to add members) or edits one; a category change asks for its effective date. */
export function HouseholdForm({ open, onClose, household }: { open: boolean; onClose: () => void; household?: HouseholdDetail }) {
  const { t, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const subtype = Form.useWatch('monitoredSubtype', form);
  const editing = !!household;
  const categoryChanged = editing && (category !== household.category || (subtype ?? null) !== household.monitoredSubtype);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      household
        ? { householdNo: household.householdNo, villageCode: household.villageCode, address: household.address ?? undefined, category: household.category, monitoredSubtype: household.monitoredSubtype ?? undefined, relocated: household.relocated, incomePerCapita: household.incomePerCapita }
        : { category: 'lifted', relocated: false },
    );
  }, [open, household, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        ...v,
        address: v.address || null,
        monitoredSubtype: v.category === 'monitored' ? (v.monitoredSubtype ?? null) : null,
        incomePerCapita: v.incomePerCapita ?? null,
        categoryEffectiveDate: categoryChanged ? v.categoryEffectiveDate || null : undefined,
      };
      return editing
        ? api<HouseholdDetail>(`/households/${household.id}`, { method: 'PATCH', body: { ...body, version: household.version } })
        : api<HouseholdDetail>('/households', { method: 'POST', body });
    },
    onSuccess: (h) => {
      message.success(editing ? t('ledger.saved') : t('ledger.created'));
      client.invalidateQueries({ queryKey: ['ledger'] });
      onClose();
      if (!editing) navigate(`/ledger/households/${h.id}`);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'version_conflict') {
        message.warning(t('ledger.conflict', { version: String(e.problem.currentVersion ?? '?') }));
        client.invalidateQueries({ queryKey: ['ledger'] });
        onClose();
        return;
      }
      for (const text of placeFieldErrors(form, e, issueText)) message.error(text);
    },
  });

  return (
    <Modal
      open={open}
      title={editing ? t('ledger.editHousehold') : t('ledger.newHousehold')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark={false} data-testid="household-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="householdNo" label={t('ledger.householdNo')}>
              <Input maxLength={40} data-testid="household-no" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="villageCode" label={t('ledger.village')}>
              <RegionPicker villagesOnly testId="household-village" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('ledger.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('ledger.category')}>
              <VocabSelect name="category" allowClear={false} testId="household-category" />
            </Form.Item>
          </Col>
          {category === 'monitored' && (
            <Col xs={24} sm={12}>
              <Form.Item name="monitoredSubtype" label={t('ledger.subtype')}>
                <VocabSelect name="monitoredSubtype" />
              </Form.Item>
            </Col>
          )}
          {categoryChanged && (
            <Col xs={24} sm={12}>
              <Form.Item name="categoryEffectiveDate" label={t('ledger.effectiveDate')} extra={t('ledger.categoryChangeHint')}>
                <Input type="date" />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} sm={6}>
            <Form.Item name="relocated" label={t('ledger.relocated')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="incomePerCapita" label={t('ledger.incomePerCapita')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
