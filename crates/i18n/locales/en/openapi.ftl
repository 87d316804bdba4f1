# The JSON API's own error codes (`group.code` is the attribute `code` of message `group`).

query = Error
    .invalid = A query parameter has the wrong type or is missing (see the API description).
