/**
 * React's development build checks every element it creates and runs several times slower; the
 * dashboard takes the production build unless NODE_ENV asks otherwise. React reads NODE_ENV once,
 * when it loads, so run-dashboard imports this module before anything that imports React.
 */
process.env['NODE_ENV'] ??= 'production';
