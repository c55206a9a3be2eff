import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { departmentLabel, modeLabel, yuan, type TripDetail } from './transport-api.ts';
import './transport.css';

/**
 * The manifest as a sheet of A4 to print and sign: trip facts, each passenger with seat, masked ID
 * number and phone, pickup point, and lines for the escort, the driver and the receiving employer.
 * Only people holding a seat are listed (removed passengers are not).
 */
export default function ManifestPrintPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const trip = useQuery({ queryKey: ['trip', id], queryFn: ({ signal }) => api<TripDetail>(`/trips/${id}`, { signal }) });
  if (trip.isPending) return <Spin />;
  if (trip.isError) return <Alert type="error" showIcon message={isApiError(trip.error) ? trip.error.message : t('common.error')} />;
  const d = trip.data;
  const riders = d.passengers.filter((p) => p.status !== 'removed');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="manifest-page">
      <Space className="no-print">
        <Link to={`/transport/trips/${id}`}><Button>{t('escort.back')}</Button></Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">{t('trip.print')}</Button>
      </Space>
      <div className="manifest-sheet">
        <h1>{lang === 'en' ? `Point-to-point transport manifest · trip #${d.id}` : `点对点运输乘车名单（车次 ${d.id}）`}</h1>
        <div className="manifest-facts">
          <div>{t('trip.date')}：{d.travelDate}</div>
          <div>{t('trip.vehicle')}：{modeLabel(d.mode, lang)} {d.vehicleType} {d.vehiclePlate}</div>
          <div>{t('trip.origin')}：{d.originName ?? d.originCounty}</div>
          <div>{t('trip.destination')}：{d.destination.name}（{d.destination.regionName ?? d.destination.regionCode}）</div>
          <div>{t('trip.pickups')}：{d.pickups.map((p) => `${p.time} ${p.name}`).join('，')}</div>
          <div>{t('trip.seated')}：{riders.length}/{d.capacity} · {t('trip.cost')}：{yuan(d.costFen)}</div>
          <div>{t('trip.departments')}：{d.departments.map((x) => departmentLabel(x, lang)).join('、')}</div>
          <div>{t('trip.escortName')}：{d.escortName}</div>
        </div>
        <table data-testid="manifest-print-table">
          <thead>
            <tr>
              <th>{t('trip.seat')}</th>
              <th>{t('trip.name')}</th>
              <th>{t('trip.idNumber')}</th>
              <th>{t('trip.phone')}</th>
              <th>{t('trip.pickup')}</th>
              <th>{t('trip.temperature')}</th>
              <th>{t('trip.status')}</th>
              <th>{lang === 'en' ? 'Signature' : '本人签字'}</th>
            </tr>
          </thead>
          <tbody>
            {riders.map((p) => (
              <tr key={p.id}>
                <td>{p.seatNo}</td>
                <td>{p.name}</td>
                <td>{p.idNumber}</td>
                <td>{p.phone ?? ''}</td>
                <td>{d.pickups[p.pickupIndex]?.name ?? ''}</td>
                <td>{p.check?.temperature ?? ''}</td>
                <td>{t(`trip.passengerStatus.${p.status}` as MessageKey)}</td>
                <td style={{ width: '22mm' }} />
              </tr>
            ))}
          </tbody>
        </table>
        <div className="manifest-signatures">
          <div>{lang === 'en' ? 'Escort' : '带队人签字'}</div>
          <div>{lang === 'en' ? 'Driver' : '驾驶员签字'}</div>
          <div>{lang === 'en' ? 'Received by (employer)' : '接收单位签字'}</div>
        </div>
      </div>
    </Space>
  );
}
