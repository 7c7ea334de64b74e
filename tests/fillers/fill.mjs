// CSIRO's Smart Forms renderer as a headless SDC form filler, for the FHIR differential test
// (tests/tools/test_smart_forms.py). esbuild bundles this file with the renderer's form
// logic (its React parts are never loaded), and Node runs the bundle:
//   node fill.bundle.mjs cases.json > saved.json
// cases.json: {"questionnaires": {"en": {...}, ...}, "cases": [{"language": "en", "response": {...}}]}
// For each case the renderer builds the form from the Questionnaire and the response, which
// runs its enableWhen, enableWhenExpression, variables and calculatedExpression; the response
// is then saved as the renderer saves it, without the answers of items it disables.
import { readFileSync } from 'node:fs';
import {
  buildForm,
  destroyForm,
  getResponse,
  removeEmptyAnswersFromResponse,
} from '@aehrc/smart-forms-renderer/lib/utils/manageForm';
import { questionnaireStore } from '@aehrc/smart-forms-renderer/lib/stores';

// The renderer talks on the console; stdout carries the saved responses alone.
const print = process.stdout.write.bind(process.stdout);
for (const name of ['log', 'info', 'warn', 'debug']) {
  console[name] = (...parts) => process.stderr.write(parts.map(String).join(' ') + '\n');
}

const { questionnaires, cases } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const saved = [];
for (const { language, response } of cases) {
  // No item needs a terminology server; an address nothing listens on keeps it all local.
  await buildForm({
    questionnaire: questionnaires[language],
    questionnaireResponse: response,
    terminologyServerUrl: 'http://127.0.0.1:9/fhir',
  });
  const source = questionnaireStore.getState().sourceQuestionnaire;
  saved.push(removeEmptyAnswersFromResponse(source, getResponse()));
  destroyForm();
}
print(JSON.stringify(saved));
