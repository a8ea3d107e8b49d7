/** The catalog module's public surface: product reads for the shop, search and cart; merchant writes. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { salesCountConsumer } from './count-sales.ts';
import { catalogRoutes } from './http/catalog-routes.ts';

export { addProductImage, MAX_IMAGE_BYTES, sniffImageType } from './add-product-image.ts';
export { archiveProduct } from './archive-product.ts';
export type {
  BrandRef,
  CategoryRef,
  Localized,
  ProductAttribute,
  ProductDetail,
  ProductImage,
  ProductOption,
  ProductStatus,
  ProductSummary,
  Rating,
  VariantDetail,
} from './catalog.ts';
export { variantLabel } from './catalog.ts';
export type { ProductChanged } from './catalog-events.ts';
export { countSalesFromEvents, salesCountConsumer } from './count-sales.ts';
export { createProduct } from './create-product.ts';
export { findPublishedProductIds, type ProductMatch } from './find-published-product-ids.ts';
export { type CategoryDetail, categoryPath, getCategoryBySlug } from './get-category-by-slug.ts';
export { getMediaFile } from './get-media-file.ts';
export { getProductDetail } from './get-product-detail.ts';
export {
  getCategoryAndBrandNames,
  getProductFacts,
  type ProductFacts,
} from './get-product-facts.ts';
export { getProductSummaries } from './get-product-summaries.ts';
export { getProductsForIndexing, type ProductForIndexing } from './get-products-for-indexing.ts';
export {
  findVariantIds,
  getVariantRefs,
  type VariantFilter,
  type VariantRef,
} from './get-variant-refs.ts';
export { getVariantsForPricing, type VariantForPricing } from './get-variants-for-pricing.ts';
export { listBrands } from './list-brands.ts';
export { type CategoryNode, listCategoryTree } from './list-category-tree.ts';
export { listHotProducts, listNewProducts, listRelatedProducts } from './list-product-shelves.ts';
export {
  type AdminProductFilter,
  type AdminProductRow,
  listProductsForAdmin,
} from './list-products-for-admin.ts';
export type { ProductInput, VariantInput } from './product-input.ts';
export { publishProduct } from './publish-product.ts';
export { provideStockSource, type StockSource } from './stock-source.ts';
export { type UpdateProductInput, updateProduct } from './update-product.ts';

/** What catalog contributes to the shop: its tables, routes and outbox consumer. */
export const catalogModule: ModuleDefinition = {
  name: 'catalog',
  migrations: migrationsBeside(import.meta.url),
  routes: [catalogRoutes],
  consumers: [salesCountConsumer],
};
