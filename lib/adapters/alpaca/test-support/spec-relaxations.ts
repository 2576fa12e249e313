import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SPEC_DIR, type Relaxation } from '../../../../test/support/openapi.ts';

/**
 * Where Alpaca's OpenAPI specs are stricter than (or blind to) what Alpaca really sends, and how the
 * fake server's fixtures are checked instead. Each entry says why. Everything not listed here is
 * validated exactly as the spec says.
 */

/** `required` entries the real API omits (applied through test/support/openapi.ts). */
export const SPEC_RELAXATIONS: Record<string, Relaxation[]> = {
  '/v1beta1/news': [
    {
      schema: 'news',
      optional: ['content'],
      why: 'content is absent unless include_content=true, and the adapter asks for no content',
    },
  ],
};

/**
 * Validation errors accepted as known spec defects. The helper can only drop `required` entries, so
 * these are matched on the error text, narrowly.
 */
const DEVIATIONS: { route: string; error: RegExp; why: string }[] = [
  {
    route: '/v1beta1/news',
    error: /^\/news\/\d+\/(summary|author) must NOT have fewer than 1 characters$/,
    why: 'Benzinga sends summary "" for headline-only items and author "" for staff items; the spec says minLength 1',
  },
  {
    route: '/v2/orders',
    error: /^\/\d+(\/legs\/\d+)?\/(asset_class|asset_id|symbol|side|type) must (be equal to one of the allowed values|match format "uuid"|NOT have fewer than 1 characters)$/,
    why:
      "a multi-leg options order (order_class mleg) has asset_class, asset_id, symbol and side \"\" at the top " +
      'and type "" on its legs, as the spec\'s own MultilegOptionsOrderResponse example shows; its enums do not allow it',
  },
  {
    route: '/v2/account/activities/{activity_type}',
    error: /^\/\d+ must match exactly one schema in oneOf$/,
    why:
      'items are oneOf TradingActivities | NonTradeActivities, neither with required fields nor ' +
      'additionalProperties: false, so every object matches both and oneOf always fails; FILL items are ' +
      'checked against TradingActivities instead (checkFillItems)',
  },
];

/** True when `error` is one of the documented spec defects for `route`. */
export function allowedDeviation(route: string, error: string): boolean {
  return DEVIATIONS.some((d) => d.route === route && d.error.test(error));
}

// What Alpaca documents for every FILL activity (the spec's TradingActivities lists them, none required).
const FILL_REQUIRED = ['id', 'activity_type', 'transaction_time', 'type', 'price', 'qty', 'side', 'symbol', 'leaves_qty', 'order_id', 'cum_qty'];

let fillValidator: ValidateFunction | undefined;

function tradingActivities(): ValidateFunction {
  if (fillValidator) return fillValidator;
  const spec = JSON.parse(readFileSync(path.join(SPEC_DIR, 'trading-api.json'), 'utf8')) as { components: unknown };
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  ajv.addFormat('decimal', true);
  ajv.addSchema({ $id: 'trading-fills.json', components: spec.components });
  fillValidator = ajv.compile({ allOf: [{ $ref: 'trading-fills.json#/components/schemas/TradingActivities' }, { required: FILL_REQUIRED }] });
  return fillValidator;
}

/** Checks each FILL activity against the spec's TradingActivities schema plus the documented fields. */
export function checkFillItems(body: unknown): string[] {
  if (!Array.isArray(body)) return ['(root) must be array'];
  const validate = tradingActivities();
  return body.flatMap((item, i) =>
    validate(item) ? [] : (validate.errors ?? []).map((e) => `/${i}${e.instancePath} ${e.message ?? 'is invalid'}`),
  );
}
