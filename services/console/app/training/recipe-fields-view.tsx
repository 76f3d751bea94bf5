import { RECIPE_FIELDS, RECIPE_SWITCHES } from './recipe-fields.ts';

/** The recipe overrides; empty fields keep the paper's recipe. */
export function RecipeFields() {
  return (
    <fieldset>
      <legend>Recipe (empty: the paper's)</legend>
      {RECIPE_FIELDS.map((field) => (
        <label key={field.name}>
          {field.label}
          <input name={field.name} type="number" step={field.kind === 'int' ? '1' : 'any'} placeholder={field.hint} />
        </label>
      ))}
      {RECIPE_SWITCHES.map((field) => (
        <label class="inline" key={field.name}>
          <input type="checkbox" name={field.name} /> {field.label}
        </label>
      ))}
    </fieldset>
  );
}
