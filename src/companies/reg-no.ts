/** Registration number (注册号, GS15-2006): 6-digit authority + 8-digit sequence + ISO 7064 MOD 11,10 check. */

export function computeRegNoCheck(first14: string): string {
  let p = 10;
  for (let i = 0; i < 14; i++) {
    let s = (p + (first14.charCodeAt(i) - 48)) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  return String((11 - p) % 10);
}

export type RegNoCheck = { ok: true; regNo: string } | { ok: false; regNo: string; message: string };

export function checkRegNo(input: string): RegNoCheck {
  const regNo = input.trim();
  if (!/^[0-9]{15}$/.test(regNo)) return { ok: false, regNo, message: 'registration number must be 15 digits' };
  const expected = computeRegNoCheck(regNo.slice(0, 14));
  if (regNo[14] !== expected) return { ok: false, regNo, message: `registration number check digit is ${regNo[14]}, expected ${expected}` };
  return { ok: true, regNo };
}

export function completeRegNo(first14: string): string {
  return first14 + computeRegNoCheck(first14);
}
