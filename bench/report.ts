/** Prints benchmark figures as aligned rows with their target and the ratio figure/target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The goal; `lower` means the figure should stay under it. */
  target?: { value: number; better: 'lower' | 'higher' };
}

export function printSection(title: string): void {
  console.log(`\n== ${title} ==`);
}

export function printFigures(figures: readonly Figure[]): boolean {
  let allMet = true;
  for (const f of figures) {
    const value = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(f.value < 10 ? 3 : 1);
    let tail = '';
    if (f.target) {
      const ratio = f.value / f.target.value;
      const met = f.target.better === 'lower' ? f.value <= f.target.value : f.value >= f.target.value;
      allMet &&= met;
      tail = `  target ${f.target.better === 'lower' ? '<=' : '>='} ${f.target.value} ${f.unit}  ratio ${ratio.toFixed(2)}  ${met ? 'OK' : 'MISSED'}`;
    }
    console.log(`  ${f.name.padEnd(52)} ${value.padStart(12)} ${f.unit.padEnd(8)}${tail}`);
  }
  return allMet;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
