import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSI, parseFraction, parseQuantity } from '../../model/units';

const value = (text: string | number, dim: Parameters<typeof parseQuantity>[1]) => {
  const q = parseQuantity(text, dim);
  assert.ok(q.ok, `${text}: ${!q.ok && q.message}`);
  return q.value;
};
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b), `${a} != ${b}`);

test('decimal prefixes are powers of 1000, binary prefixes powers of 1024', () => {
  close(value('96 GB', 'bytes'), 96e9);
  close(value('96 GiB', 'bytes'), 96 * 2 ** 30);
  close(value('128 MiB', 'bytes'), 128 * 2 ** 20);
  close(value('4.8 TB/s', 'bandwidth'), 4.8e12);
  close(value('820 GiB/s', 'bandwidth'), 820 * 2 ** 30);
});

test('every contract unit parses to SI', () => {
  close(value('1.5 GHz', 'frequency'), 1.5e9);
  close(value('300 W', 'power'), 300);
  close(value('2 us', 'time'), 2e-6);
  close(value('2 µs', 'time'), 2e-6);
  close(value('989 TFLOPS', 'opsPerSecond'), 989e12);
  close(value('1979 TOPS', 'opsPerSecond'), 1979e12);
  // Spelt in lower or mixed case, tera-ops still (`1000 tops` read as 1 kOPS: a review).
  for (const spelt of ['1000 tops', '1000 Tops', '1000 TOPs']) close(value(spelt, 'opsPerSecond'), 1e15);
  close(value('500 Gops', 'opsPerSecond'), 5e11);
  close(value('0.3 pJ', 'energy'), 0.3e-12);
  close(value('4 pJ/bit', 'energyPerByte'), 32e-12); // 8 bits per byte
  close(value('1.5 pJ/B', 'energyPerByte'), 1.5e-12);
  close(value('0.08 USD/kWh', 'moneyPerEnergy'), 0.08 / 3.6e6);
  close(value('20000 USD', 'money'), 20000);
  close(value('$20,000', 'money'), 20000);
  // A scale after the sign, as NREs are written.
  close(value('$300M', 'money'), 300e6);
  close(value('$20k', 'money'), 20e3);
  close(value('$1.5B', 'money'), 1.5e9);
  close(value('4 years', 'time'), 4 * 365.25 * 86400);
  close(value('400 Gbit/s', 'bandwidth'), 50e9);
});

test('a bare number or a wrong dimension is an error that says what was expected', () => {
  const bare = parseQuantity(4.8, 'bandwidth');
  assert.equal(bare.ok, false);
  assert.equal(!bare.ok && bare.code, 'unit-missing');
  assert.match(!bare.ok ? bare.message : '', /bandwidth.*4\.8 TB\/s/);
  const wrong = parseQuantity('4.8 GB', 'bandwidth');
  assert.equal(!wrong.ok && wrong.code, 'unit-dimension');
  assert.match(!wrong.ok ? wrong.message : '', /size in bytes.*needs a bandwidth/);
  const unknown = parseQuantity('4.8 furlongs', 'bandwidth');
  assert.equal(!unknown.ok && unknown.code, 'unit-unknown');
});

test('fractions accept percent or a plain number', () => {
  assert.deepEqual(parseFraction('85 %'), { ok: true, value: 0.85 });
  assert.deepEqual(parseFraction(0.85), { ok: true, value: 0.85 });
  assert.equal(parseFraction('eighty').ok, false);
});

test('formatting uses SI prefixes with three significant digits', () => {
  assert.equal(formatSI(3.35e12, 'B/s'), '3.35 TB/s');
  assert.equal(formatSI(0.000459, 's'), '459 µs');
  assert.equal(formatSI(8.82e9, 'B'), '8.82 GB');
});
