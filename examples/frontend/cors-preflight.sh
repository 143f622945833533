curl -si -X OPTIONS http://127.0.0.1:4000/graphql -H 'Origin: http://127.0.0.1:5173' \
  -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type'
