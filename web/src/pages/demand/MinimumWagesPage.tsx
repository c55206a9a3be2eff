import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { yuanText } from './demand-api.ts';
import { placeErrors, useCan } from './demand-ui.tsx';

interface WageView {
  tables: { provinceCode: string; effectiveFrom: string; classesFen: number[]; source: string }[];
  counties: { countyCode: string; countyName: string | null; wageClass: number; updatedAt: string }[];
  defaultClass: number;
  povertyLineYuanPerYear: number;
  povertyLineMonthlyFen: number;
}

/** The minimum-wage tables the posting rules use; administrators set county classes and parameters here. */
export default function MinimumWagesPage() {
  const { t, issueText } = useI18n();
  const { message } = AntApp.useApp();
  const can = useCan();
  const manage = can('minimum_wage.manage');
  const client = useQueryClient();
  const [countyForm] = Form.useForm();
  const [paramForm] = Form.useForm();
  const [problems, setProblems] = useState<string[]>([]);
  const q = useQuery({ queryKey: ['demand', 'minimum-wages'], queryFn: ({ signal }) => api<WageView>('/minimum-wages', { signal }) });
  const done = () => {
    setProblems([]);
    message.success(t('demand.saved'));
    client.invalidateQueries({ queryKey: ['demand', 'minimum-wages'] });
  };
  const setCounty = useMutation({
    mutationFn: (v: { countyCode: string; wageClass: number | null }) => api(`/minimum-wages/counties/${v.countyCode}`, { method: 'PUT', body: { wageClass: v.wageClass } }),
    onSuccess: done,
    onError: (e) => setProblems(placeErrors(countyForm, e, issueText)),
  });
  const setParams = useMutation({
    mutationFn: (v: { defaultClass: number; povertyLineYuanPerYear: number }) => api('/minimum-wages/parameters', { method: 'PUT', body: v }),
    onSuccess: done,
    onError: (e) => setProblems(placeErrors(paramForm, e, issueText)),
  });
  const d = q.data;
  const classes = Math.max(0, ...(d?.tables.map((x) => x.classesFen.length) ?? [0]));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('nav.minimumWages')}</Typography.Title>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} />}
      <Card size="small" title={t('wage.tables')} loading={q.isLoading}>
        <Table
          rowKey={(r) => `${r.provinceCode}-${r.effectiveFrom}`}
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={d?.tables ?? []}
          columns={[
            { title: t('wage.effectiveFrom'), render: (_, r) => `${r.provinceCode} · ${r.effectiveFrom}` },
            ...Array.from({ length: classes }, (_, i) => ({ title: t('wage.class', { n: i + 1 }), render: (_: unknown, r: WageView['tables'][number]) => (r.classesFen[i] != null ? yuanText(r.classesFen[i]) : '—') })),
            { title: t('wage.source'), dataIndex: 'source' },
          ]}
        />
      </Card>
      {d && (
        <Card size="small" title={t('wage.counties')}>
          <Form form={paramForm} layout="inline" initialValues={{ defaultClass: d.defaultClass, povertyLineYuanPerYear: d.povertyLineYuanPerYear }} onFinish={(v) => setParams.mutate(v)} style={{ marginBottom: 12 }}>
            <Form.Item name="defaultClass" label={t('wage.defaultClass')}><InputNumber min={1} max={9} disabled={!manage} /></Form.Item>
            <Form.Item name="povertyLineYuanPerYear" label={t('wage.povertyLine')} extra={t('wage.povertyMonthly', { amount: yuanText(d.povertyLineMonthlyFen) })}><InputNumber min={1} disabled={!manage} /></Form.Item>
            {manage && <Button htmlType="submit" loading={setParams.isPending}>{t('wage.save')}</Button>}
          </Form>
          {manage && (
            <Form form={countyForm} layout="inline" onFinish={(v) => setCounty.mutate(v)} style={{ marginBottom: 12 }}>
              <Form.Item name="countyCode" label={t('wage.county')} rules={[{ required: true }]}><Input maxLength={6} style={{ width: 120 }} /></Form.Item>
              <Form.Item name="wageClass" label={t('wage.setClass')} rules={[{ required: true }]}><InputNumber min={1} max={9} /></Form.Item>
              <Button type="primary" htmlType="submit" loading={setCounty.isPending}>{t('common.save')}</Button>
            </Form>
          )}
          <Table
            rowKey="countyCode"
            size="small"
            pagination={false}
            dataSource={d.counties}
            columns={[
              { title: t('wage.county'), render: (_, c) => `${c.countyName ?? ''} ${c.countyCode}` },
              { title: t('wage.setClass'), render: (_, c) => t('wage.class', { n: c.wageClass }) },
              { title: '', render: (_, c) => manage && <Popconfirm title={t('wage.remove')} onConfirm={() => setCounty.mutate({ countyCode: c.countyCode, wageClass: null })}><Button size="small">{t('wage.remove')}</Button></Popconfirm> },
            ]}
          />
          <Flex />
        </Card>
      )}
    </Space>
  );
}
