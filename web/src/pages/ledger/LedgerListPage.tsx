import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Empty, Flex, Form, Input, Row, Segmented, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { CursorTable, useCursorPages } from '../../components/cursor-list.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchResetButtons } from '../../components/SearchResetButtons.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { searchKind, termLabel, type LedgerHousehold, type LedgerPerson } from './ledger-api.ts';
import { FieldCol } from './form-fields.tsx';
import { HouseholdForm } from './HouseholdForm.tsx';
import { CategoryTag, RegionPicker, RevealButton, useCan, VocabSelect } from './ledger-ui.tsx';

interface Filters {
  q?: string;
  region?: string;
  category?: string;
  employmentStatus?: string;
  verificationStatus?: string;
  zeroEmployment?: string;
}

const PAGE = 50;

function query(f: Filters) {
  return {
    ...searchKind(f.q ?? ''),
    region: f.region,
    category: f.category,
    employmentStatus: f.employmentStatus,
    verificationStatus: f.verificationStatus,
    zeroEmployment: f.zeroEmployment,
  };
}

/** One table of the ledger, a page at a time by id; "load more" follows the server's cursor. */
function LedgerTable<T extends { id: number }>({ kind, filters, testId, rowTestId, columns }: { kind: 'persons' | 'households'; filters: Filters; testId: string; rowTestId: (row: T) => string; columns: TableColumnsType<T> }) {
  const { t } = useI18n();
  const { list, items } = useCursorPages<T>(['ledger', kind, filters], `/${kind}`, query(filters), PAGE);
  return (
    <Card size="small" title={t('ledger.shown', { count: items.length })}>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <CursorTable<T>
        list={list}
        items={items}
        more={t('ledger.loadMore')}
        end={t('ledger.end')}
        moreTestId="ledger-more"
        size="middle"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('ledger.empty')} /> }}
        data-testid={testId}
        onRow={(row) => ({ 'data-testid': rowTestId(row) }) as HTMLAttributes<HTMLElement>}
        columns={columns}
      />
    </Card>
  );
}

function PeopleTable({ filters }: { filters: Filters }) {
  const { t, lang } = useI18n();
  const can = useCan();
  return (
    <LedgerTable<LedgerPerson>
      kind="persons"
      filters={filters}
      testId="ledger-people"
      rowTestId={(p) => `person-row-${p.id}`}
      columns={[
        { title: t('ledger.name'), dataIndex: 'name', fixed: 'left', render: (v: string, p) => <Link to={`/ledger/households/${p.householdId}`}>{v}</Link> },
        { title: t('ledger.idNumber'), dataIndex: 'idNumber', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('ledger.phone'), dataIndex: 'phone', responsive: ['sm'], render: (v: string | null) => v ?? '—' },
        { title: t('ledger.category'), dataIndex: 'category', render: (v: string, p) => <CategoryTag category={v} subtype={p.monitoredSubtype} /> },
        { title: t('ledger.employmentStatus'), dataIndex: 'employmentStatus', render: (v: string) => termLabel('employmentStatus', v, lang) },
        { title: t('ledger.verificationStatus'), dataIndex: 'verificationStatus', responsive: ['md'], render: (v: string) => <Tag color={v === 'verified' ? 'blue' : undefined}>{termLabel('verificationStatus', v, lang)}</Tag> },
        { title: t('ledger.householdNo'), dataIndex: 'householdNo', responsive: ['lg'] },
        { title: t('ledger.villageCode'), dataIndex: 'villageCode', responsive: ['xl'], render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        ...(can('person.reveal') ? [{ title: t('ledger.actions'), key: 'actions', render: (_: unknown, p: LedgerPerson) => <RevealButton personId={p.id} /> }] : []),
      ]}
    />
  );
}

function HouseholdsTable({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  return (
    <LedgerTable<LedgerHousehold>
      kind="households"
      filters={filters}
      testId="ledger-households"
      rowTestId={(h) => `household-row-${h.id}`}
      columns={[
        { title: t('ledger.householdNo'), dataIndex: 'householdNo', fixed: 'left', render: (v: string, h) => <Link to={`/ledger/households/${h.id}`}>{v}</Link> },
        { title: t('ledger.village'), dataIndex: 'villageName', render: (v: string | null, h) => v ?? h.villageCode },
        { title: t('ledger.category'), dataIndex: 'category', render: (v: string, h) => <CategoryTag category={v} subtype={h.monitoredSubtype} /> },
        { title: t('ledger.memberCount'), dataIndex: 'memberCount' },
        { title: t('ledger.employed'), dataIndex: 'employedCount', responsive: ['sm'] },
        { title: t('ledger.zeroEmployment'), dataIndex: 'zeroEmployment', responsive: ['md'], render: (v: boolean) => (v ? <Tag color="red">{t('common.yes')}</Tag> : t('common.no')) },
        { title: t('ledger.relocated'), dataIndex: 'relocated', responsive: ['lg'], render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
      ]}
    />
  );
}

export default function LedgerListPage() {
  const { t } = useI18n();
  const can = useCan();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [kind, setKind] = useState<'persons' | 'households'>('persons');
  const [creating, setCreating] = useState(false);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="ledger-page">
      <PageHeader title={t('ledger.title')}>
        {can('household.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="household-create">
            {t('ledger.newHousehold')}
          </Button>
        )}
      </PageHeader>
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={(v) => setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x != null && x !== '')))} data-testid="ledger-filters">
          <Row gutter={12}>
            <FieldCol md={8} name="q" label={t('common.search')}>
              <Input allowClear prefix={<SearchOutlined />} placeholder={t('ledger.search')} data-testid="ledger-search" />
            </FieldCol>
            <FieldCol md={8} name="region" label={t('ledger.region')}>
              <RegionPicker testId="ledger-region" />
            </FieldCol>
            <FieldCol xs={12} md={8} name="category" label={t('ledger.category')}>
              <VocabSelect name="category" testId="ledger-category" />
            </FieldCol>
            <FieldCol xs={12} md={8} name="employmentStatus" label={t('ledger.employmentStatus')}>
              <VocabSelect name="employmentStatus" testId="ledger-employment" />
            </FieldCol>
            <FieldCol xs={12} md={8} name="verificationStatus" label={t('ledger.verificationStatus')}>
              <VocabSelect name="verificationStatus" testId="ledger-verification" />
            </FieldCol>
            <FieldCol xs={12} md={8} name="zeroEmployment" label={t('ledger.zeroEmployment')}>
              <Select allowClear placeholder={t('ledger.any')} options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
            </FieldCol>
          </Row>
          <Flex wrap gap={12} justify="space-between">
            <Segmented
              value={kind}
              onChange={(v) => setKind(v as 'persons' | 'households')}
              options={[{ value: 'persons', label: t('ledger.people') }, { value: 'households', label: t('ledger.households') }]}
              data-testid="ledger-kind"
            />
            <SearchResetButtons form={form} onReset={() => setFilters({})} searchTestId="ledger-apply" />
          </Flex>
        </Form>
      </Card>
      {kind === 'persons' ? <PeopleTable filters={filters} /> : <HouseholdsTable filters={filters} />}
      <HouseholdForm open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
