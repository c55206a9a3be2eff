import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Progress, Result, Space, Statistic, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { api, ApiError, type Problem } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface ImportJob {
  id: number;
  fileName: string;
  fileBytes: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  rowsDone: number;
  bytesDone: number;
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  hasErrorReport: boolean;
  errorMessage: string | null;
}

/** Sends the file as multipart/form-data; the JSON client cannot carry a file. */
async function uploadLedger(file: File, dryRun: boolean): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(`/api/v1/imports/ledger${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'X-Requested-With': 'jiuye' } });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError((body as Problem) ?? { type: 'about:blank', title: res.statusText, status: res.status, code: `http_${res.status}`, detail: res.statusText });
  return body as ImportJob;
}

export default function LedgerImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const job = useQuery({
    queryKey: ['import-job', jobId],
    queryFn: () => api<ImportJob>(`/imports/${jobId}`),
    enabled: jobId != null,
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 700),
  });

  const start = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setJobId((await uploadLedger(file, dryRun)).id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const j = job.data;
  const percent = j ? (j.status === 'done' ? 100 : j.fileBytes ? Math.min(99, Math.round((j.bytesDone / j.fileBytes) * 100)) : 0) : 0;

  return (
    <Card title={t('ledgerImport.title')}>
      {!jobId && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Typography.Paragraph type="secondary">{t('ledgerImport.hint')}</Typography.Paragraph>
          <Upload.Dragger accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => (setFile(f), false)} onRemove={() => setFile(null)}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('ledgerImport.drop')}</p>
          </Upload.Dragger>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>{t('ledgerImport.dryRun')}</Checkbox>
          {error && <Alert type="error" showIcon message={error} />}
          <Button type="primary" disabled={!file} loading={busy} onClick={start}>{t('ledgerImport.start')}</Button>
        </Space>
      )}
      {jobId && j && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions size="small" column={1} items={[{ key: 'f', label: j.fileName, children: t(`ledgerImport.status.${j.status}`) }]} />
          <Progress percent={percent} status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'} />
          <Typography.Text type="secondary">{t('ledgerImport.rowsDone', { rows: j.rowsDone.toLocaleString() })}</Typography.Text>
          <Space size="large" wrap>
            {(['accepted', 'created', 'updated', 'unchanged', 'rejected'] as const).map((k) => (
              <Statistic key={k} title={t(`ledgerImport.${k}`)} value={j[k]} valueStyle={k === 'rejected' && j.rejected ? { color: '#cf1322' } : undefined} />
            ))}
          </Space>
          {j.status === 'failed' && <Result status="error" title={t('ledgerImport.status.failed')} subTitle={j.errorMessage} />}
          <Space>
            {j.hasErrorReport && (
              <Button icon={<DownloadOutlined />} href={`/api/v1/imports/${j.id}/errors`}>{t('ledgerImport.errorReport')}</Button>
            )}
            {['done', 'failed'].includes(j.status) && <Button onClick={() => (setJobId(null), setFile(null))}>{t('ledgerImport.another')}</Button>}
          </Space>
        </Space>
      )}
    </Card>
  );
}
