import { isValidIBAN } from 'ibantools';

/** Luhn (mod 10) check over the digits of a candidate card number. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** A whole IBAN in electronic form: known country, its length and national format, mod-97 check. */
export const ibanValid = (compact: string): boolean => isValidIBAN(compact);
