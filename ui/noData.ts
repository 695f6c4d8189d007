/** What a panel's model says when the query returned nothing: Grafana's "No data" view shows then. */
export const NO_DATA = 'No data';
