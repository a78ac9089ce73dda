// Calls every public method of Backstage's CatalogClient against Interlock and prints one JSON object of results.
// Arguments come from the environment: BASE (the catalog API base URL), TARGET (a catalog-info.yaml URL to register),
// NAME (the component it holds; another location is registered in the same folder), SPARE_UID (an entity registered through the API, to delete), USER/PASSWORD.
const { CatalogClient } = require('@backstage/catalog-client');

const { BASE, TARGET, NAME, SPARE_UID, USER, PASSWORD } = process.env;
const auth = 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const client = new CatalogClient({
  discoveryApi: { getBaseUrl: async () => BASE },
  fetchApi: {
    fetch: (url, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('Authorization', auth);
      return fetch(url, { ...init, headers });
    },
  },
});

const ref = `component:default/${NAME}`;
const out = {};
async function step(name, fn) {
  try {
    const value = await fn();
    out[name] = value === undefined ? { undefined: true } : value;
  } catch (e) {
    out[name] = { error: String(e && e.message), status: e && e.response && e.response.status };
  }
}

(async () => {
  await step('addLocationDryRun', () => client.addLocation({ type: 'url', target: TARGET, dryRun: true }));
  await step('addLocation', () => client.addLocation({ type: 'url', target: TARGET }));
  const id = out.addLocation && out.addLocation.location && out.addLocation.location.id;
  await step('getLocations', () => client.getLocations());
  await step('queryLocations', () => client.queryLocations({ limit: 1, query: { target: { $hasPrefix: TARGET } } }));
  // streamLocations pages on with the cursor alone: a page of one location each, both of the folder's.
  const folder = TARGET.slice(0, TARGET.lastIndexOf('/') + 1);
  await step('streamLocations', async () => {
    const pages = [];
    for await (const page of client.streamLocations({ limit: 1, query: { target: { $hasPrefix: folder } } })) {
      pages.push(page);
    }
    return pages;
  });
  await step('getLocationById', () => client.getLocationById(id));
  await step('getLocationByIdMissing', () => client.getLocationById('00000000-0000-0000-0000-000000000000'));
  await step('getLocationByEntity', () => client.getLocationByEntity(ref));
  await step('getLocationByRef', () => client.getLocationByRef(`url:${TARGET}`));
  await step('getEntities', () => client.getEntities({
    filter: { kind: 'component', 'metadata.name': NAME }, fields: ['metadata.name', 'spec.owner'],
    order: { field: 'metadata.name', order: 'asc' }, limit: 5,
  }));
  await step('getEntitiesByRefs', () => client.getEntitiesByRefs({ entityRefs: [ref, 'component:default/nope'] }));
  await step('getEntitiesByRefsQuery', () => client.getEntitiesByRefs({
    entityRefs: [ref, 'group:default/revops'], query: { kind: 'group' }, fields: ['metadata.name'],
  }));
  await step('getEntitiesByRefsFilter', () => client.getEntitiesByRefs({
    entityRefs: [ref, 'group:default/revops'], filter: { kind: 'group' }, fields: ['metadata.name'],
  }));
  await step('queryEntitiesFilter', () => client.queryEntities({ filter: { kind: 'group' }, limit: 2,
    orderFields: { field: 'metadata.name', order: 'asc' } }));
  const cursor = out.queryEntitiesFilter && out.queryEntitiesFilter.pageInfo && out.queryEntitiesFilter.pageInfo.nextCursor;
  await step('queryEntitiesFilterNext', () => client.queryEntities({ cursor, limit: 2 }));
  await step('queryEntitiesFullText', () => client.queryEntities({ fullTextFilter: { term: NAME } }));
  await step('queryEntitiesPredicate', () => client.queryEntities({
    query: { $all: [{ kind: 'group' }, { $not: { 'metadata.name': 'revops' } }] }, limit: 2,
    orderFields: { field: 'metadata.name', order: 'asc' },
  }));
  const pcursor = out.queryEntitiesPredicate && out.queryEntitiesPredicate.pageInfo && out.queryEntitiesPredicate.pageInfo.nextCursor;
  await step('queryEntitiesPredicateNext', () => client.queryEntities({ cursor: pcursor, limit: 2 }));
  // streamEntities pages with the cursor alone, the first page asking no total (totalItems=exclude).
  const stream = async (request) => {
    const names = [];
    let pages = 0;
    for await (const page of client.streamEntities(request)) {
      pages += 1;
      names.push(...page.map((e) => `${e.kind}:${e.metadata.name}`));
    }
    return { pages, names };
  };
  await step('streamEntitiesFilter', () => stream({ filter: { kind: 'group' }, pageSize: 2 }));
  await step('streamEntitiesQuery', () => stream({ query: { kind: { $in: ['group', 'user'] } }, pageSize: 3 }));
  await step('getEntityByName', () => client.getEntityByName({ kind: 'group', name: 'revops' }));
  await step('getEntityByRef', () => client.getEntityByRef(ref));
  await step('getEntityByRefMissing', () => client.getEntityByRef('component:default/does-not-exist'));
  await step('getEntityFacets', () => client.getEntityFacets({ facets: ['kind'], filter: { kind: 'group' } }));
  await step('getEntityFacetsQuery', () => client.getEntityFacets({ facets: ['kind'],
    query: { kind: { $in: ['group', 'user'] } } }));
  const entity = out.getEntityByRef;
  await step('validateEntity', () => client.validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
    metadata: { name: 'valid-one' }, spec: { type: 'service', lifecycle: 'production', owner: 'revops' } }, 'url:x'));
  await step('validateEntityInvalid', () => client.validateEntity({ apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component', metadata: { name: 'Not Valid!' }, spec: {} }, 'url:x'));
  await step('getEntityAncestors', () => client.getEntityAncestors({ entityRef: ref }));
  await step('refreshEntity', () => client.refreshEntity(ref));
  await step('analyzeLocation', () => client.analyzeLocation({ location: { type: 'url', target: TARGET } }));
  await step('removeEntityByUid', () => client.removeEntityByUid(SPARE_UID));
  await step('updateLocation', () => client.updateLocation(id, { type: 'url', target: TARGET }));
  await step('removeLocationById', () => client.removeLocationById(id));
  await step('getLocationByIdAfterRemove', () => client.getLocationById(id));
  out.entityUid = entity && entity.metadata && entity.metadata.uid;
  process.stdout.write(JSON.stringify(out));
})();
