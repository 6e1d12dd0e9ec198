import { CLOCK_SKEW_SECONDS, MAX_TOKEN_AGE_SECONDS, withinLifetime } from '../../../../shared/core/edge/tokenLifetime';

const NOW = 1_800_000_000;
const H = 3600;

describe('withinLifetime', () => {
  it.each([
    ['a fresh 8 h session', { iat: NOW, exp: NOW + 8 * H }],
    ['a 5 min provider token', { iat: NOW - 60, exp: NOW + 240 }],
    ['iat within the skew ahead', { iat: NOW + CLOCK_SKEW_SECONDS, exp: NOW + H }],
    ['expired within the skew', { iat: NOW - H, exp: NOW - CLOCK_SKEW_SECONDS }],
    ['nbf now', { iat: NOW, exp: NOW + H, nbf: NOW }],
  ])('accepts %s', (_name, claims) => expect(withinLifetime(claims, NOW)).toBe(true));

  it.each([
    ['no exp', { iat: NOW }],
    ['no iat', { exp: NOW + H }],
    ['iat ten years ahead', { iat: NOW + 10 * 365 * 24 * H, exp: NOW + H }],
    ['iat just beyond the skew', { iat: NOW + CLOCK_SKEW_SECONDS + 1, exp: NOW + H }],
    ['expired beyond the skew', { iat: NOW - H, exp: NOW - CLOCK_SKEW_SECONDS - 1 }],
    ['a 30-day provider token', { iat: NOW, exp: NOW + 30 * 24 * H }],
    ['older than the maximum age', { iat: NOW - MAX_TOKEN_AGE_SECONDS - CLOCK_SKEW_SECONDS - 1, exp: NOW + 60 }],
    ['exp - iat one second over 8 h', { iat: NOW - 1, exp: NOW + MAX_TOKEN_AGE_SECONDS }],
    ['string times', { iat: String(NOW), exp: String(NOW + H) }],
    ['NaN / Infinity', { iat: NaN, exp: Infinity }],
    ['nbf ahead', { iat: NOW, exp: NOW + H, nbf: NOW + 2 * CLOCK_SKEW_SECONDS }],
    ['nbf not a number', { iat: NOW, exp: NOW + H, nbf: 'soon' }],
  ])('refuses %s', (_name, claims) => expect(withinLifetime(claims as never, NOW)).toBe(false));
});
