import { describe, expect, it } from '@jest/globals';
import { deviceSummary } from './device-summary.js';

describe('deviceSummary', () => {
  it('names the browser and system families without versions, so an update is not a new device', () => {
    const chrome140 =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
    const chrome141 = chrome140.replace('140.0.0.0', '141.0.0.0');
    expect(deviceSummary(chrome140)).toBe('Chrome on Linux');
    expect(deviceSummary(chrome141)).toBe(deviceSummary(chrome140));
  });

  it('tells Firefox on macOS from Safari on iOS', () => {
    expect(deviceSummary('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox on macOS',
    );
    expect(
      deviceSummary(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
  });

  it('answers null without a User-Agent and "Unknown device" for one it cannot read', () => {
    expect(deviceSummary(undefined)).toBeNull();
    expect(deviceSummary('')).toBeNull();
    expect(deviceSummary('%%%')).toBe('Unknown device');
  });
});
