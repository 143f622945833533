curl -si http://127.0.0.1:4000/schema.graphql | grep -iE '^(HTTP|x-schema-version|etag)'
