// The user's calendar date, "YYYY-MM-DD" (local time): the daily seed and the
// leaderboard's dates. The renderer reads the clock; the simulator never does.
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
