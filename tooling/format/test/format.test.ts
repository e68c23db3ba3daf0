import { describe, expect, it } from 'vitest';
import { describeError, duration, errorMessage, formatValue, fraction, interval, percent, points, seconds, secondsBare, sig3, table } from '../src/index.js';

describe('formatValue', () => {
  it('quotes strings, writes numbers, bigints, functions and missing values as a reader expects', () => {
    expect(formatValue('1.5')).toBe('"1.5"');
    expect(formatValue(1.5)).toBe('1.5');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(12n)).toBe('12n');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(function upload() {})).toBe('[function upload]');
    expect(formatValue(() => 1)).toBe('[function anonymous]');
    expect(formatValue(Symbol('x'))).toBe('Symbol(x)');
  });

  it('writes objects as JSON, cut at 120 characters, and names what has no JSON', () => {
    expect(formatValue({ on: 'call', call: 0 })).toBe('{"on":"call","call":0}');
    const long = formatValue({ text: 'x'.repeat(500) });
    expect(long).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
    expect(formatValue('y'.repeat(300))).toHaveLength(120);
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(formatValue(circular)).toBe('[object Object]');
  });
});

describe('errors', () => {
  it('describes an Error by name and message, anything else as text', () => {
    expect(describeError(new RangeError('too big'))).toBe('RangeError: too big');
    expect(describeError('plain')).toBe('plain');
    expect(errorMessage(new TypeError('bad'))).toBe('bad');
    expect(errorMessage(7)).toBe('7');
  });
});

describe('numbers', () => {
  it('writes three significant digits', () => {
    expect([0, 0.3, 1.0449, 10.94, 123.4, 1234.5, 0.0001234].map(sig3)).toEqual(['0', '0.300', '1.04', '10.9', '123', '1,235', '1.23e-4']);
  });

  it('writes seconds, percentages, points and fractions in text and in HTML', () => {
    expect(seconds(1.0449)).toBe('1.04 s');
    expect(seconds(-0.5, { typography: 'html' })).toBe('\u22120.500\u00a0s');
    expect(seconds(0.5, { plus: true })).toBe('+0.500 s');
    expect(seconds(null)).toBe('-');
    expect(seconds(undefined, { typography: 'html' })).toBe('\u2014');
    expect(seconds(Number.POSITIVE_INFINITY)).toBe('-');
    expect(secondsBare(2.5)).toBe('2.50');
    expect(percent(95)).toBe('95.0%');
    expect(percent(95, { typography: 'html', digits: 2 })).toBe('95.00\u00a0%');
    expect(percent(null)).toBe('-');
    expect(points(12.5)).toBe('+12.5 pp');
    expect(points(-3, { typography: 'html' })).toBe('\u22123.0\u00a0pp');
    expect(fraction(0.954)).toBe('0.95');
    expect(fraction(null, { typography: 'html' })).toBe('\u2014');
  });

  it('writes an interval with its ends formatted alike', () => {
    expect(interval({ low: 93.1, high: 99.2 }, (v) => v.toFixed(1))).toBe('[93.1, 99.2]');
    expect(interval(null, String)).toBe('-');
    expect(interval(null, String, 'html')).toBe('\u2014');
  });

  it('writes an elapsed time in seconds, then minutes', () => {
    expect([0.421, 12.34, 245, null].map(duration)).toEqual(['0.42 s', '12.3 s', '4 min 05 s', '-']);
  });
});

describe('table', () => {
  it('pads each column to its widest cell, names left and figures right, no trailing space', () => {
    const text = table(['Scenario', 'Runs', 'Note'], [['CascadeFailure', '200', ''], ['Soak', '7', 'x']], ['left', 'right', 'left']);
    expect(text.split('\n')).toEqual(['Scenario        Runs  Note', 'CascadeFailure   200', 'Soak               7  x']);
  });
});
