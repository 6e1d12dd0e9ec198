// The parser lives with the local platform, which reads resources/cloudfront.yml with it.
export { parseCloudFormationYaml, readCloudFormationYaml } from '../../local/cloudFormationYaml';
