import { useEffect, useState } from 'react';
import { DENSITY, readSetting, writeSetting, type Density, type Theme } from '../../store/setting.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { applyDensity } from '../shell/applyTheme.ts';
import { useTheme } from '../shell/useTheme.ts';

const THEMES: [Theme, string][] = [
  ['system', 'As the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];
const DENSITIES: [Density, string][] = [
  ['comfortable', 'Comfortable (name, subject and preview)'],
  ['compact', 'Compact (name and subject)'],
];

/** Theme and list density, stored on this device (src/store settings), shown at once. */
export function Appearance() {
  const [theme, setTheme] = useTheme();
  const density = useLiveQuery(() => readSetting(mailDb(), DENSITY), []) ?? 'comfortable';
  useEffect(() => applyDensity(density), [density]);
  return (
    <section aria-labelledby="appearance-title">
      <h3 id="appearance-title">Appearance on this device</h3>
      <Choice legend="Theme" name="theme" value={theme} choices={THEMES} onChange={setTheme} />
      <Choice
        legend="Density"
        name="density"
        value={density}
        choices={DENSITIES}
        onChange={(d) => void writeSetting(mailDb(), DENSITY, d)}
      />
    </section>
  );
}

function Choice<T extends string>(props: { legend: string; name: string; value: T; choices: [T, string][]; onChange(v: T): void }) {
  // The choice shows at once; the stored value (a live query) agrees a moment later.
  const [chosen, setChosen] = useState<T | null>(null);
  const value = chosen ?? props.value;
  return (
    <fieldset className="choice">
      <legend>{props.legend}</legend>
      {props.choices.map(([v, words]) => (
        <label key={v}>
          <input type="radio" name={props.name} value={v} checked={value === v} onChange={() => (setChosen(v), props.onChange(v))} />{' '}
          {words}
        </label>
      ))}
    </fieldset>
  );
}
