import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EVENTS_CSV_COLUMNS, MetricsExporter, MTTR_CSV_COLUMNS } from '../src/index.js';
import { fixedNow, NASTY_TEXT, SAMPLE, sampleMetrics, tempDir } from './fixtures.js';

const NOW = fixedNow('2026-11-28T08:15:00Z');

/** Header and rows, every cell a string, as any CSV reader sees them. */
function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parse(readFileSync(path, 'utf8'), { relax_column_count: false }) as string[][];
  const [header, ...body] = records;
  return {
    header: header ?? [],
    rows: body.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? '']))),
  };
}

const text = (value: string | undefined): string => value ?? '';
const num = (value: number | undefined): string => (value === undefined ? '' : String(value));

describe('chaos_events_<ts>.csv', () => {
  it('has the documented header, then every fault and every recovery, faults first', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportEventsCsv(sampleMetrics());
    const { header, rows } = readCsv(path);
    expect(header).toEqual([...EVENTS_CSV_COLUMNS]);
    expect(rows.map((row) => `${row['kind']}:${row['index']}`)).toEqual([
      'fault:0',
      'fault:1',
      'fault:2',
      'recovery:0',
      'recovery:1',
      'recovery:2',
    ]);
  });

  it('gives back the recorded values exactly: texts, booleans, full-precision numbers', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportEventsCsv(sampleMetrics());
    const { rows } = readCsv(path);
    SAMPLE.faults.forEach((fault, i) => {
      expect(rows[i]).toEqual({
        kind: 'fault',
        index: String(i),
        run_id: fault.runId,
        scenario: text(fault.scenario),
        agent_id: fault.agentId,
        thread_id: fault.threadId,
        fault_type: fault.faultType,
        at_ms: String(fault.at),
        fault_at_ms: String(fault.at),
        detected_at_ms: '',
        recovered_at_ms: '',
        delta_t_s: '',
        detect_s: '',
        repair_s: '',
        success: '',
        reconstruction_accuracy: '',
        used_peer_context: '',
        error: text(fault.error),
        notes: '',
        fault_time_source: '',
        tags: fault.tags === undefined ? '' : JSON.stringify(fault.tags),
      });
    });
    SAMPLE.recoveries.forEach((recovery, i) => {
      expect(rows[SAMPLE.faults.length + i]).toEqual({
        kind: 'recovery',
        index: String(i),
        run_id: recovery.runId,
        scenario: text(recovery.scenario),
        agent_id: recovery.agentId,
        thread_id: recovery.threadId,
        fault_type: recovery.faultType,
        at_ms: String(recovery.recoveredAt),
        fault_at_ms: String(recovery.faultAt),
        detected_at_ms: String(recovery.detectedAt),
        recovered_at_ms: String(recovery.recoveredAt),
        delta_t_s: String((recovery.recoveredAt - recovery.faultAt) / 1000),
        detect_s: String((recovery.detectedAt - recovery.faultAt) / 1000),
        repair_s: String((recovery.recoveredAt - recovery.detectedAt) / 1000),
        success: String(recovery.success),
        reconstruction_accuracy: num(recovery.reconstructionAccuracy),
        used_peer_context: String(recovery.usedPeerContext),
        error: text(recovery.error),
        notes: text(recovery.notes),
        fault_time_source: recovery.faultTimeSource,
        tags: recovery.tags === undefined ? '' : JSON.stringify(recovery.tags),
      });
    });
  });

  it('parses numbers back to the very same doubles', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportEventsCsv(sampleMetrics());
    const { rows } = readCsv(path);
    expect(Number(rows[1]?.['at_ms'])).toBe(1 / 3);
    const marketing = rows[4];
    expect(Number(marketing?.['fault_at_ms'])).toBe(1 / 3);
    expect(Number(marketing?.['detected_at_ms'])).toBe(30_000.123456789);
    expect(Number(marketing?.['delta_t_s'])).toBe((31_234.5678901234 - 1 / 3) / 1000);
    expect(Number(rows[3]?.['reconstruction_accuracy'])).toBe(0.1 + 0.2);
    expect(rows[3]?.['reconstruction_accuracy']).toBe('0.30000000000000004');
  });

  it('writes booleans as true/false, never 1 or an empty cell', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportEventsCsv(sampleMetrics());
    const raw = readFileSync(path, 'utf8');
    const recoveryLines = raw.split('\r\n').filter((line) => line.startsWith('recovery,'));
    expect(recoveryLines[2]).toContain(',true,1,false,');
    const { rows } = readCsv(path);
    expect(rows.slice(3).map((row) => [row['success'], row['used_peer_context']])).toEqual([
      ['true', 'true'],
      ['false', 'false'],
      ['true', 'false'],
    ]);
  });

  it('quotes commas, quotes, CR and LF per RFC 4180, with CRLF between records', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportEventsCsv(sampleMetrics());
    const raw = readFileSync(path, 'utf8');
    expect(raw).toContain(`"${NASTY_TEXT.replaceAll('"', '""')}"`);
    expect(raw).toContain('"from, ""checkpoint"""');
    expect(raw.startsWith(`${EVENTS_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(raw.endsWith('\r\n')).toBe(true);
    const { rows } = readCsv(path);
    expect(rows[0]?.['error']).toBe(NASTY_TEXT);
    expect(rows[4]?.['error']).toBe(NASTY_TEXT);
    expect(rows[3]?.['notes']).toBe('from, "checkpoint"');
  });

  it('writes only the header for an empty store', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportEventsCsv(
      sampleMetrics({ faults: [], recoveries: [], scenarioResults: [] }),
    );
    expect(readFileSync(path, 'utf8')).toBe(`${EVENTS_CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('chaos_mttr_<ts>.csv', () => {
  it('has one row per recovery attempt with Δt, detect and repair seconds', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportMttrCsv(sampleMetrics());
    const { header, rows } = readCsv(path);
    expect(header).toEqual([...MTTR_CSV_COLUMNS]);
    expect(rows).toHaveLength(SAMPLE.recoveries.length);
    SAMPLE.recoveries.forEach((recovery, i) => {
      expect(rows[i]).toEqual({
        recovery_index: String(i),
        run_id: recovery.runId,
        scenario: text(recovery.scenario),
        agent_id: recovery.agentId,
        thread_id: recovery.threadId,
        fault_type: recovery.faultType,
        success: String(recovery.success),
        delta_t_s: String((recovery.recoveredAt - recovery.faultAt) / 1000),
        detect_s: String((recovery.detectedAt - recovery.faultAt) / 1000),
        repair_s: String((recovery.recoveredAt - recovery.detectedAt) / 1000),
        reconstruction_accuracy: num(recovery.reconstructionAccuracy),
        used_peer_context: String(recovery.usedPeerContext),
        fault_at_ms: String(recovery.faultAt),
        detected_at_ms: String(recovery.detectedAt),
        recovered_at_ms: String(recovery.recoveredAt),
        error: text(recovery.error),
        fault_time_source: recovery.faultTimeSource,
        tags: recovery.tags === undefined ? '' : JSON.stringify(recovery.tags),
      });
    });
  });
});

describe('column sets', () => {
  it('are frozen in order: a change here is a breaking change to the files', () => {
    expect(EVENTS_CSV_COLUMNS.join(',')).toBe(
      'kind,index,run_id,scenario,agent_id,thread_id,fault_type,at_ms,fault_at_ms,detected_at_ms,recovered_at_ms,' +
        'delta_t_s,detect_s,repair_s,success,reconstruction_accuracy,used_peer_context,error,notes,fault_time_source,tags',
    );
    expect(MTTR_CSV_COLUMNS.join(',')).toBe(
      'recovery_index,run_id,scenario,agent_id,thread_id,fault_type,success,delta_t_s,detect_s,repair_s,' +
        'reconstruction_accuracy,used_peer_context,fault_at_ms,detected_at_ms,recovered_at_ms,error,fault_time_source,tags',
    );
  });

  it('are documented, every one, in the package README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const column of [...EVENTS_CSV_COLUMNS, ...MTTR_CSV_COLUMNS]) expect(readme).toContain(`| \`${column}\` |`);
  });
});
