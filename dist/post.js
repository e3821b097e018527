// The post step's entry (action.yml runs.post); the bundle is in post/.
import './post/index.js';
