package io.oneapi.admin.queries;

import io.oneapi.storage.Database;
import io.oneapi.storage.Token;
import io.oneapi.storage.TokenStore;

import java.util.List;
import java.util.Optional;

/**
 * A user's tokens with One API's {@code order} parameter: {@code remain_quota} (unlimited tokens first, then by
 * remaining quota), {@code used_quota}, else newest first. Ids are chosen here, rows read through the store.
 */
public final class TokenListing {
    private final Database db;
    private final TokenStore tokens;

    public TokenListing(Database db, TokenStore tokens) {
        this.db = db;
        this.tokens = tokens;
    }

    public List<Token> page(int userId, String order, int offset, int pageSize) {
        String orderBy = switch (order) {
            case "remain_quota" -> "unlimited_quota DESC, remain_quota DESC, id DESC";
            case "used_quota" -> "used_quota DESC, id DESC";
            default -> null;
        };
        if (orderBy == null) {
            return tokens.listByUser(userId, offset, pageSize);
        }
        List<Integer> ids = db.query("SELECT id FROM tokens WHERE user_id = ? ORDER BY " + orderBy
                + " LIMIT ? OFFSET ?", rs -> rs.getInt(1), userId, pageSize, offset);
        return ids.stream().map(tokens::findById).flatMap(Optional::stream).toList();
    }
}
