import ReferenceFilter from './reference-filter';

/** The multi-value reference filter under its own name, for array properties (AdminJS draws no filter for them). */
export default ReferenceFilter;
