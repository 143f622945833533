/** A lifetime as the token command and JWT_MAX_LIFETIME write it: `<n>s`, `<n>m`, `<n>h` or `<n>d`. */
const DURATION = /^(\d{1,7})([smhd])$/;
const SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `30d` → 2592000; null for anything else than `<n>s`, `<n>m`, `<n>h` or `<n>d`. */
export function durationSeconds(text: string): number | null {
  const match = DURATION.exec(text);
  return match ? Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS] : null;
}

/** Seconds in the largest unit that divides them: 2592000 → `30d`, 5400 → `90m`. */
export function formatDuration(seconds: number): string {
  for (const unit of ['d', 'h', 'm'] as const)
    if (seconds % SECONDS[unit] === 0 && seconds >= SECONDS[unit]) return `${seconds / SECONDS[unit]}${unit}`;
  return `${seconds}s`;
}
