// The shared cost model. Entry points for the datasource and the CLI:
//   parsePriceBook / defaultPriceBook / readOpenCostCsv     → a validated PriceBook
//   inventoryFromSeries (Prometheus) / parseInventoryFile    → InventorySeries[] or a static fleet
//   costSeries(inventory, book, mix)                         → money/h per series, component, total
//   costPerRequest(cost, requests, window) / costPerRequestSeries
//   averageFleet(inventory, window) → projection(fleet, book, mix) / savings(fleet, book, mix)
//   rightSizing(usage, book)
export * from './types';
export * from './currency';
export * from './rates';
export * from './validate';
export * from './defaultPricebook';
export * from './opencostCsv';
export * from './priceBookText';
export * from './lookup';
export * from './family';
export * from './integrate';
export * from './series';
export * from './fleet';
export * from './priceFleet';
export * from './projection';
export * from './savings';
export * from './perRequest';
export * from './rightSizing';
export * from './inventory';
export * from './inventoryFile';
export * from './frames';
export * from './prometheusSource';
export * from './report';
export * from './limits';
export * from './budgets';
export * from './beyondNodes';
