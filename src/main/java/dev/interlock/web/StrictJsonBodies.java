package dev.interlock.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON bodies the API binds to records are read as sent: a limit of {@code 1.9999} is not taken as 1, nor
 * {@code "3"} as 3, nor a field name {@code 1} as {@code "1"}. Each is refused as the wrong shape, naming the field,
 * so a client learns of its mistake instead of getting an answer to a question it did not ask.
 */
@Singleton
public class StrictJsonBodies implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        // Numbers and booleans where text belongs (a field name of 1) are not made text either.
        var textual = mapper.coercionConfigFor(LogicalType.Textual);
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            textual.setCoercion(shape, CoercionAction.Fail);
        }
    }
}
