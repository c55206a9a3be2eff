import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the charts the dashboard draws are bundled.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartClick = (e: { dataIndex: number; name: string }) => void;

/** An ECharts chart that follows its container's size and the option it is given. */
export function EChart({ option, height = 320, onClick, testId }: { option: ChartOption; height?: number; onClick?: ChartClick; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const c = echarts.init(el.current!);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (e: unknown) => onClick(e as { dataIndex: number; name: string });
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
