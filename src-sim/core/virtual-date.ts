// The calendar date of a virtual time. The lab has no wall clock: virtual time 0 is
// Mon, 01 Jan 2024 00:00:00 UTC, which nginx's Date header, its access log and
// `systemctl status` print. Computed without `Date` so the simulator stays pure.

/** Virtual time 0 as days since 1970-01-01 (2024-01-01). */
const EPOCH_DAYS = 19_723;
const SECONDS_PER_DAY = 86_400;
/** Virtual time 0 as a Unix time (seconds), e.g. for nginx's ETag of a file written at boot. */
export const VIRTUAL_EPOCH_UNIX_SECONDS = EPOCH_DAYS * SECONDS_PER_DAY;

/** Day and month names as the C locale abbreviates them (nginx, systemd, date). */
export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface CivilTime {
  year: number;
  /** 1 to 12. */
  month: number;
  /** 1 to 31. */
  day: number;
  /** 0 (Sunday) to 6 (Saturday), as Date.getUTCDay. */
  weekday: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** The UTC calendar date and time of a virtual time (microseconds), to the second. */
export function civilTime(micros: number): CivilTime {
  const total = Math.floor(micros / 1_000_000);
  const days = EPOCH_DAYS + Math.floor(total / SECONDS_PER_DAY);
  const inDay = total - Math.floor(total / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  return {
    ...civilFromDays(days),
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
    hours: Math.floor(inDay / 3600),
    minutes: Math.floor(inDay / 60) % 60,
    seconds: inDay % 60,
  };
}

/** Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count from 1970-01-01. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Howard Hinnant's days_from_civil: days from 1970-01-01 of a proleptic Gregorian date (month 1 to 12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The virtual time (µs) of a UTC calendar date and time: civilTime's inverse. */
export function virtualTimeOf(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): number {
  const days = daysFromCivil(year, month, day) - EPOCH_DAYS;
  return ((days * SECONDS_PER_DAY) + hours * 3600 + minutes * 60 + seconds) * 1_000_000;
}
