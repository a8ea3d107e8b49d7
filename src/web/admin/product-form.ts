/**
 * The product edit form: its state (what the inputs hold), built from a product or from a posted
 * form, turned into the catalog's `ProductInput`, and rendered. Posted state re-renders as typed,
 * so an error never loses the merchant's work, and a new option shows its picker at once.
 */
import { badRequest, type FieldIssue } from '../../app/errors.ts';
import { badFormatIssue, requiredIssue, tooLongIssue } from '../../app/field-issues.ts';
import type {
  BrandRef,
  CategoryNode,
  ProductAttribute,
  ProductDetail,
  ProductInput,
  ProductOption,
  VariantInput,
} from '../../modules/catalog/index.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminContext } from './admin-context.ts';
import { csrfField, type FormBody, field, parsePrice, priceText } from './admin-forms.ts';

export interface OptionState {
  code: string;
  nameZh: string;
  nameEn: string;
  /** One value a line: `code | 中文 | English`. */
  values: string;
}

export interface VariantState {
  id: string;
  sku: string;
  optionValues: Record<string, string>;
  price: string;
  compareAt: string;
  weight: string;
  active: boolean;
}

export interface ProductFormState {
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  brandId: string;
  categoryId: string;
  /** One attribute a line: `code | 名称 | Name | 值 | Value`. */
  attributes: string;
  options: OptionState[];
  variants: VariantState[];
}

const MAX_ROWS = 100;
const BLANK_OPTION_ROWS = 1;
const BLANK_VARIANT_ROWS = 2;

/** An empty form for a new product. */
export function emptyProductForm(): ProductFormState {
  return {
    titleZh: '',
    titleEn: '',
    descriptionZh: '',
    descriptionEn: '',
    brandId: '',
    categoryId: '',
    attributes: '',
    options: [],
    variants: [],
  };
}

/** The form as it shows a stored product. */
export function productFormFrom(product: ProductDetail): ProductFormState {
  return {
    titleZh: product.title.zh,
    titleEn: product.title.en,
    descriptionZh: product.description.zh,
    descriptionEn: product.description.en,
    brandId: product.brand?.id ?? '',
    categoryId: product.category.id,
    attributes: product.attributes
      .map((a) => [a.code, a.name.zh, a.name.en, a.value.zh, a.value.en].join(' | '))
      .join('\n'),
    options: product.options.map((o) => ({
      code: o.code,
      nameZh: o.name.zh,
      nameEn: o.name.en,
      values: o.values.map((v) => [v.code, v.zh, v.en].join(' | ')).join('\n'),
    })),
    variants: product.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      optionValues: v.optionValues,
      price: priceText(v.price.amountMinor),
      compareAt: priceText(v.compareAt?.amountMinor),
      weight: '',
      active: v.isActive,
    })),
  };
}

/** The form as posted (`option.N.*`, `variant.N.*` rows; blank rows are dropped). */
export function productFormFromBody(body: FormBody): ProductFormState {
  const options: OptionState[] = [];
  const variants: VariantState[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const option = {
      code: field(body, `option.${i}.code`),
      nameZh: field(body, `option.${i}.nameZh`),
      nameEn: field(body, `option.${i}.nameEn`),
      values: field(body, `option.${i}.values`),
    };
    if (option.code || option.nameZh || option.nameEn || option.values) options.push(option);
  }
  for (let i = 0; i < MAX_ROWS; i++) {
    const prefix = `variant.${i}.`;
    const optionValues: Record<string, string> = {};
    for (const key of Object.keys(body)) {
      if (key.startsWith(`${prefix}opt.`) && field(body, key))
        optionValues[key.slice(prefix.length + 4)] = field(body, key);
    }
    const variant = {
      id: field(body, `${prefix}id`),
      sku: field(body, `${prefix}sku`),
      optionValues,
      price: field(body, `${prefix}price`),
      compareAt: field(body, `${prefix}compareAt`),
      weight: field(body, `${prefix}weight`),
      active: field(body, `${prefix}active`) === '1',
    };
    if (variant.id || variant.sku || variant.price) variants.push(variant);
  }
  return {
    titleZh: field(body, 'titleZh'),
    titleEn: field(body, 'titleEn'),
    descriptionZh: field(body, 'descriptionZh'),
    descriptionEn: field(body, 'descriptionEn'),
    brandId: field(body, 'brandId'),
    categoryId: field(body, 'categoryId'),
    attributes: field(body, 'attributes'),
    options,
    variants,
  };
}

/** Checks the form's shape and builds the catalog input; throws 400 naming each bad field. */
export function productInputFrom(state: ProductFormState): ProductInput {
  const issues: FieldIssue[] = [];
  const need = (value: string, name: string, max: number) => {
    if (!value) issues.push(requiredIssue(name));
    else if (value.length > max) issues.push(tooLongIssue(name, max));
  };
  need(state.titleZh, 'titleZh', 200);
  need(state.titleEn, 'titleEn', 200);
  need(state.categoryId, 'categoryId', 100);
  if (state.descriptionZh.length > MAX_DESCRIPTION)
    issues.push(tooLongIssue('descriptionZh', MAX_DESCRIPTION));
  if (state.descriptionEn.length > MAX_DESCRIPTION)
    issues.push(tooLongIssue('descriptionEn', MAX_DESCRIPTION));
  const attributes = parseAttributes(state.attributes, issues);
  const options = state.options.map((o, i) => parseOption(o, i, issues));
  const variants = state.variants.map((v, i) => parseVariant(v, i, issues));
  if (!variants.length) issues.push(tooFew('variants', 'add at least one variant'));
  if (issues.length) throw badRequest('invalid_product_form', 'Some fields need attention.', issues);
  return {
    title: { zh: state.titleZh, en: state.titleEn },
    description: { zh: state.descriptionZh, en: state.descriptionEn },
    brandId: state.brandId || null,
    categoryId: state.categoryId,
    attributes,
    options,
    variants,
  };
}

const CODE = /^[a-z][a-z0-9_]{0,31}$/;
const MAX_DESCRIPTION = 10_000;

function tooFew(field: string, message: string): FieldIssue {
  return { field, code: 'too_small', params: { origin: 'array', minimum: 1 }, message };
}

function splitLine(line: string): string[] {
  return line.split('|').map((part) => part.trim());
}

function parseAttributes(text: string, issues: FieldIssue[]): ProductAttribute[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim());
  return lines.slice(0, 50).flatMap((line, i) => {
    const [code = '', nameZh = '', nameEn = '', valueZh = '', valueEn = ''] = splitLine(line);
    if (!CODE.test(code) || !nameZh || !nameEn || !valueZh || !valueEn) {
      issues.push(
        badFormatIssue(`attributes[${i}]`, 'attribute_line', 'write code | 名称 | Name | 值 | Value'),
      );
      return [];
    }
    return [{ code, name: { zh: nameZh, en: nameEn }, value: { zh: valueZh, en: valueEn } }];
  });
}

function parseOption(o: OptionState, i: number, issues: FieldIssue[]): ProductOption {
  if (!CODE.test(o.code))
    issues.push(badFormatIssue(`options[${i}].code`, 'code', 'use a-z, 0-9 and _, starting with a letter'));
  if (!o.nameZh || !o.nameEn)
    issues.push({ field: `options[${i}].name`, code: 'both_languages', message: 'needs both languages' });
  const values = o.values
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => {
      const [code = '', zh = '', en = ''] = splitLine(line);
      if (!CODE.test(code) || !zh || !en)
        issues.push(
          badFormatIssue(`options[${i}].values`, 'option_value_line', 'write code | 中文 | English a line'),
        );
      return { code, zh, en };
    });
  if (!values.length) issues.push(tooFew(`options[${i}].values`, 'add at least one value'));
  return { code: o.code, name: { zh: o.nameZh, en: o.nameEn }, values };
}

function parseVariant(v: VariantState, i: number, issues: FieldIssue[]): VariantInput {
  const at = `variants[${i}]`;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(v.sku))
    issues.push(badFormatIssue(`${at}.sku`, 'sku', 'use 1–64 letters, digits, . _ -'));
  const priceMinor = parsePrice(v.price);
  if (priceMinor === null)
    issues.push(badFormatIssue(`${at}.priceMinor`, 'price', 'write a price like 199.00'));
  const compareAtMinor = v.compareAt ? parsePrice(v.compareAt) : null;
  if (v.compareAt && compareAtMinor === null)
    issues.push(badFormatIssue(`${at}.compareAtMinor`, 'price', 'write a price like 249.00'));
  const weight = v.weight ? Number(v.weight) : undefined;
  if (weight !== undefined && !(Number.isInteger(weight) && weight >= 0 && weight <= 1_000_000))
    issues.push(badFormatIssue(`${at}.weightGrams`, 'whole_grams', 'write whole grams'));
  return {
    ...(v.id ? { id: v.id } : {}),
    sku: v.sku,
    optionValues: v.optionValues,
    priceMinor: priceMinor ?? 0,
    compareAtMinor,
    ...(weight !== undefined ? { weightGrams: weight } : {}),
    isActive: v.active,
  };
}

/** Options as the variant pickers need them, from the form's (possibly just typed) options. */
function pickerOptions(state: ProductFormState): ProductOption[] {
  return state.options
    .filter((o) => CODE.test(o.code))
    .map((o) => ({
      code: o.code,
      name: { zh: o.nameZh, en: o.nameEn },
      values: o.values
        .split(/\r?\n/)
        .map(splitLine)
        .filter(([code]) => code && CODE.test(code))
        .map(([code = '', zh = '', en = '']) => ({ code, zh, en })),
    }));
}

/** The whole edit form. `action` is where it posts. */
export function productForm(
  ctx: AdminContext,
  state: ProductFormState,
  refs: { action: string; categories: CategoryNode[]; brands: BrandRef[] },
): SafeHtml {
  const { t } = ctx;
  const name = (l: { zh: string; en: string }) => (ctx.lang === 'en' ? l.en : l.zh);
  return html`<form class="stack" method="post" action="${refs.action}">${csrfField(ctx)}
<div class="grid2">
  <label>${t('admin.productForm.titleChinese')} <input name="titleZh" lang="zh-CN" required maxlength="200" value="${state.titleZh}"></label>
  <label>${t('admin.productForm.titleEnglish')} <input name="titleEn" lang="en" required maxlength="200" value="${state.titleEn}"></label>
  <label>${t('admin.productForm.descriptionChinese')} <textarea name="descriptionZh" lang="zh-CN" maxlength="10000">${state.descriptionZh}</textarea></label>
  <label>${t('admin.productForm.descriptionEnglish')} <textarea name="descriptionEn" lang="en" maxlength="10000">${state.descriptionEn}</textarea></label>
  <label>${t('admin.common.category')} <select name="categoryId" required><option value="">${t('admin.productForm.choose')}</option>${categoryOptions(refs.categories, state.categoryId, name, 0)}</select></label>
  <label>${t('admin.common.brand')} <select name="brandId"><option value="">${t('admin.productForm.noBrand')}</option>
    ${refs.brands.map((b) => html`<option value="${b.id}"${b.id === state.brandId ? html` selected` : ''}>${name(b.name)}</option>`)}</select></label>
</div>
<label>${t('admin.productForm.attributesALineEachCode')}
  <textarea name="attributes" placeholder="material | 材质 | Material | 棉 | Cotton">${state.attributes}</textarea></label>
${optionsTable(ctx, state)}
${variantsTable(ctx, state)}
<div><button type="submit">${t('admin.productForm.saveProduct')}</button></div>
</form>`;
}

function categoryOptions(
  nodes: CategoryNode[],
  selected: string,
  name: (l: { zh: string; en: string }) => string,
  depth: number,
): SafeHtml[] {
  return nodes.flatMap((n) => [
    html`<option value="${n.id}"${n.id === selected ? html` selected` : ''}>${'\u00a0\u00a0'.repeat(depth)}${name(n.name)}</option>`,
    ...categoryOptions(n.children, selected, name, depth + 1),
  ]);
}

function optionsTable(ctx: AdminContext, state: ProductFormState): SafeHtml {
  const { t } = ctx;
  const rows = [
    ...state.options,
    ...Array.from({ length: BLANK_OPTION_ROWS }, () => ({ code: '', nameZh: '', nameEn: '', values: '' })),
  ];
  return html`<fieldset class="panel"><legend>${t('admin.productForm.optionsColourSizeCapacity')}</legend>
<p class="muted">${t('admin.productForm.oneValueALineCode')}</p>
<div class="table-wrap"><table class="variants"><thead><tr><th scope="col">${t('admin.productForm.code')}</th><th scope="col">${t('admin.productForm.nameZh')}</th><th scope="col">${t('admin.productForm.nameEn')}</th><th scope="col">${t('admin.productForm.values')}</th></tr></thead>
<tbody id="option-rows">${rows.map(
    (o, i) => html`<tr>
<td><input name="option.${i}.code" aria-label="${t('admin.productForm.code')}" value="${o.code}" pattern="[a-z][a-z0-9_]{0,31}"></td>
<td><input name="option.${i}.nameZh" aria-label="${t('admin.productForm.nameZh')}" value="${o.nameZh}"></td>
<td><input name="option.${i}.nameEn" aria-label="${t('admin.productForm.nameEn')}" value="${o.nameEn}"></td>
<td><textarea name="option.${i}.values" aria-label="${t('admin.productForm.values')}" placeholder="black | 黑色 | Black">${o.values}</textarea></td></tr>`,
  )}</tbody></table></div>
<button type="button" class="secondary" data-add-row="option-rows" hidden>${t('admin.productForm.addAnOption')}</button>
</fieldset>`;
}

function variantsTable(ctx: AdminContext, state: ProductFormState): SafeHtml {
  const { t } = ctx;
  const options = pickerOptions(state);
  const blank: VariantState = {
    id: '',
    sku: '',
    optionValues: {},
    price: '',
    compareAt: '',
    weight: '',
    active: true,
  };
  const rows = [...state.variants, ...Array.from({ length: BLANK_VARIANT_ROWS }, () => blank)];
  const name = (l: { zh: string; en: string }) => (ctx.lang === 'en' ? l.en : l.zh);
  return html`<fieldset class="panel"><legend>${t('admin.productForm.variantsAndPrices')}</legend>
<p class="muted">${t('admin.productForm.pricesInYuanBlankRows')}</p>
<div class="table-wrap"><table class="variants"><thead><tr><th scope="col">SKU</th>
${options.map((o) => html`<th scope="col">${name(o.name)}</th>`)}
<th scope="col">${t('admin.productForm.price')}</th><th scope="col">${t('admin.productForm.compareAt')}</th><th scope="col">${t('admin.productForm.weightG')}</th><th scope="col">${t('admin.productForm.active')}</th></tr></thead>
<tbody id="variant-rows">${rows.map(
    (v, i) => html`<tr>
<td><input type="hidden" name="variant.${i}.id" value="${v.id}"><input name="variant.${i}.sku" aria-label="SKU" value="${v.sku}" maxlength="64"></td>
${options.map(
  (o) =>
    html`<td><select name="variant.${i}.opt.${o.code}" aria-label="${name(o.name)}"><option value="">—</option>${o.values.map(
      (value) =>
        html`<option value="${value.code}"${v.optionValues[o.code] === value.code ? html` selected` : ''}>${ctx.lang === 'en' ? value.en : value.zh}</option>`,
    )}</select></td>`,
)}
<td><input name="variant.${i}.price" aria-label="${t('admin.productForm.price')}" inputmode="decimal" value="${v.price}"></td>
<td><input name="variant.${i}.compareAt" aria-label="${t('admin.productForm.compareAt')}" inputmode="decimal" value="${v.compareAt}"></td>
<td><input name="variant.${i}.weight" aria-label="${t('admin.productForm.weightG')}" inputmode="numeric" value="${v.weight}"${v.id ? html` placeholder="${t('admin.productForm.unchanged')}"` : ''}></td>
<td><input type="checkbox" name="variant.${i}.active" value="1" aria-label="${t('admin.productForm.active')}"${v.active ? html` checked` : ''}></td></tr>`,
  )}</tbody></table></div>
<button type="button" class="secondary" data-add-row="variant-rows" hidden>${t('admin.productForm.addAVariant')}</button>
</fieldset>`;
}
