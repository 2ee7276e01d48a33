import type { PersonalField } from '@sanshe/contracts/pure';

/** A resident's personal fields, in plaintext: held only in memory, stored only encrypted. */
export type ResidentFields = Record<PersonalField, string>;

/** A field that failed its check: the JSON pointer and which check, never the value. */
export interface FieldProblem {
  path: `/${PersonalField}`;
  message: string;
}

const AREA = /^[1-9][0-9]{5}$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const MOBILE = /^1[3-9][0-9]{9}$/;
const LANDLINE = /^0[0-9]{2,3}-?[0-9]{7,8}$/;

/** The ID number as stored and hashed: trimmed, a lower-case check character x upper-cased. */
export const normalizeIdNumber = (value: string) => value.trim().toUpperCase();

/** The phone as stored and hashed: without spaces and the landline's hyphen, so 021-5555 and 0215555 match. */
export const normalizePhone = (value: string) => value.replace(/[\s-]/g, '');

/**
 * Which check of the resident identity number (GB 11643) fails, or null: 18 characters, a 6-digit
 * area, a valid birth date (YYYYMMDD) not after `today`, a 3-digit sequence, and the check character
 * (Σ digit·weight mod 11 → '10X98765432'). The message never repeats the number.
 */
export function idNumberProblem(value: string, today = new Date()): string | null {
  const id = normalizeIdNumber(value);
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return 'must be 18 characters: 17 digits and a digit or X';
  if (!AREA.test(id.slice(0, 6))) return 'the first 6 digits must be an area code (not starting with 0)';
  if (!isPastDate(id.slice(6, 14), today)) return 'digits 7–14 must be a valid birth date (YYYYMMDD) not in the future';
  if (!/^[0-9]{3}$/.test(id.slice(14, 17))) return 'digits 15–17 must be the sequence number';
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  if (CHECK_CHARS[sum % 11] !== id[17]) return 'the check character does not match the first 17 digits (GB 11643)';
  return null;
}

function isPastDate(yyyymmdd: string, today: Date): boolean {
  const [year, month, day] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1800 && date.getTime() <= today.getTime();
}

/** Why a phone is not a mainland mobile or landline number, or null. */
export function phoneProblem(value: string): string | null {
  const phone = normalizePhone(value);
  if (MOBILE.test(phone) || LANDLINE.test(value.trim().replace(/\s/g, ''))) return null;
  return 'must be a mainland mobile number (11 digits starting 13–19) or a landline (0 + area code + number)';
}

/**
 * The problems of the given fields (all four on registration, those present on a correction), and the
 * fields normalized. Name and address must hold something besides spaces.
 */
export function checkResidentFields<F extends Partial<ResidentFields>>(
  given: F,
  today = new Date(),
): { fields: F; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fields = { ...given };
  for (const field of ['name', 'address'] as const) {
    if (given[field] === undefined) continue;
    fields[field] = given[field].trim() as F[typeof field];
    if (!fields[field]) problems.push({ path: `/${field}`, message: 'must not be blank' });
  }
  if (given.phone !== undefined) {
    const problem = phoneProblem(given.phone);
    if (problem) problems.push({ path: '/phone', message: problem });
    fields.phone = normalizePhone(given.phone) as F['phone'];
  }
  if (given.idNumber !== undefined) {
    const problem = idNumberProblem(given.idNumber, today);
    if (problem) problems.push({ path: '/idNumber', message: problem });
    fields.idNumber = normalizeIdNumber(given.idNumber) as F['idNumber'];
  }
  return { fields, problems };
}
