/** One parked sleeper. `index` is its slot in the heap, -1 once it has left. */
export interface TimerEntry {
  readonly deadline: number;
  readonly sequence: number;
  index: number;
}

/**
 * A binary min-heap of timers ordered by (deadline, sequence), with O(log n) removal
 * of any entry. Cancelled sleeps leave at once, so the heap never fills with dead
 * timers.
 */
export class TimerHeap {
  private readonly items: TimerEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimerEntry | undefined {
    return this.items[0];
  }

  push(entry: TimerEntry): void {
    entry.index = this.items.length;
    this.items.push(entry);
    this.up(entry.index);
  }

  pop(): TimerEntry | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(entry: TimerEntry): boolean {
    const index = entry.index;
    if (index < 0 || this.items[index] !== entry) return false;
    const last = this.items.pop() as TimerEntry;
    entry.index = -1;
    if (last !== entry) {
      this.items[index] = last;
      last.index = index;
      this.down(index);
      this.up(last.index);
    }
    return true;
  }

  private less(a: TimerEntry, b: TimerEntry): boolean {
    return a.deadline < b.deadline || (a.deadline === b.deadline && a.sequence < b.sequence);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i] as TimerEntry;
    const b = this.items[j] as TimerEntry;
    this.items[i] = b;
    this.items[j] = a;
    a.index = j;
    b.index = i;
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.items[i] as TimerEntry, this.items[parent] as TimerEntry)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    let i = index;
    const n = this.items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(this.items[left] as TimerEntry, this.items[smallest] as TimerEntry)) smallest = left;
      if (right < n && this.less(this.items[right] as TimerEntry, this.items[smallest] as TimerEntry)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
