import { useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Ccp, CcpReading } from '../../api/floor-quality';
import { formatDateTime, formatNumber } from '../../format';

const WIDTH = 720;
const HEIGHT = 280;
const PAD = { left: 48, right: 16, top: 16, bottom: 32 };

/** The value axis: every reading and both limits in view, with a little room above and below. */
function valueRange(ccp: Ccp, readings: CcpReading[]): [number, number] {
  const values = [...readings.map((reading) => reading.value), ...[ccp.min, ccp.max].filter((limit): limit is number => limit !== null)];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const margin = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
  return [low - margin, high + margin];
}

/**
 * A CCP's control chart drawn as SVG: readings over time as a line, the critical limits as
 * dashed lines, each deviation a red dot. People look at a chart, not at a table of numbers.
 */
export function ControlChart({ ccp, readings }: { ccp: Ccp; readings: CcpReading[] }) {
  const theme = useMantineTheme();
  const { i18n } = useTranslation();
  if (readings.length === 0) return null;
  const times = readings.map((reading) => Date.parse(reading.takenAt));
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const [low, high] = valueRange(ccp, readings);
  const x = (time: number) => PAD.left + (last === first ? 0.5 : (time - first) / (last - first)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - low) / (high - low)) * (HEIGHT - PAD.top - PAD.bottom);
  const path = readings.map((reading, index) => `${index === 0 ? 'M' : 'L'}${x(times[index]!).toFixed(1)},${y(reading.value).toFixed(1)}`).join(' ');
  const limit = (value: number | null, label: string) =>
    value === null ? null : (
      <g key={label}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} stroke={theme.colors.red[6]} strokeDasharray="6 4" strokeWidth={1.5} />
        <text x={WIDTH - PAD.right} y={y(value) - 4} textAnchor="end" fontSize={11} fill={theme.colors.red[7]}>
          {label} {formatNumber(value, i18n.language)} {ccp.unit}
        </text>
      </g>
    );
  const ticks = [low, (low + high) / 2, high];
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`${ccp.code} ${ccp.name}`} data-testid="control-chart">
      <rect x={PAD.left} y={PAD.top} width={WIDTH - PAD.left - PAD.right} height={HEIGHT - PAD.top - PAD.bottom} fill={theme.colors.gray[0]} />
      {ticks.map((tick) => (
        <text key={tick} x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} fill={theme.colors.gray[7]}>
          {formatNumber(tick, i18n.language, 1)}
        </text>
      ))}
      <text x={PAD.left} y={HEIGHT - 8} fontSize={11} fill={theme.colors.gray[7]}>
        {formatDateTime(readings[0]!.takenAt, i18n.language)}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end" fontSize={11} fill={theme.colors.gray[7]}>
        {formatDateTime(readings[readings.length - 1]!.takenAt, i18n.language)}
      </text>
      {limit(ccp.min, 'min')}
      {limit(ccp.max, 'max')}
      <path d={path} fill="none" stroke={theme.colors.blue[6]} strokeWidth={2} />
      {readings.map((reading, index) => (
        <circle
          key={reading.id}
          cx={x(times[index]!)}
          cy={y(reading.value)}
          r={reading.withinLimits ? 3 : 6}
          fill={reading.withinLimits ? theme.colors.blue[6] : theme.colors.red[7]}
          data-deviation={reading.withinLimits ? undefined : 'true'}
        >
          <title>{`${formatDateTime(reading.takenAt, i18n.language)}: ${formatNumber(reading.value, i18n.language)} ${ccp.unit}`}</title>
        </circle>
      ))}
    </svg>
  );
}
