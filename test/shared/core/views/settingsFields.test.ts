import { SETTINGS } from '../../../../shared/core/settings';
import { SETTING_FIELDS } from '../../../../shared/core/views/settingsFields';

describe('settingsFields', () => {
  it('has exactly one control for every preference the API knows', () => {
    expect(SETTING_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(SETTINGS).sort());
  });

  it('offers only values the API accepts, and a fallback it accepts', () => {
    for (const field of SETTING_FIELDS) {
      const spec = SETTINGS[field.key]!;
      expect(() => spec.parse(field.fallback, field.key)).not.toThrow();
      if (field.kind.type === 'choice') for (const [value] of field.kind.options) expect(spec.parse(value, field.key)).toBe(value);
      if (field.kind.type === 'flag') expect([spec.parse('True', field.key), spec.parse('False', field.key)]).toEqual(['True', 'False']);
    }
  });
});
