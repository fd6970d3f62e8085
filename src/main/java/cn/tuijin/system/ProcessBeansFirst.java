package cn.tuijin.system;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotWritableException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The diagrams call the application's listeners and delegates by bean name ({@code ${overdueListener}},
 * {@code ${deadlines.claimDue(execution)}}). Camunda's Spring expression manager looks a name up among the process
 * variables first, which loads every variable of the execution and its parents for each listener call; the names of
 * the application's own beans are resolved here before the variables instead (no process variable is named like one
 * of them), and everything else as Camunda does.
 */
@Component
class ProcessBeansFirst extends AbstractProcessEnginePlugin {

    private final ApplicationContext context;

    ProcessBeansFirst(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new ExpressionManager(context));
    }

    static final class ExpressionManager extends SpringExpressionManager {

        private final ApplicationContext context;

        ExpressionManager(ApplicationContext context) {
            super(context, null);
            this.context = context;
        }

        @Override
        protected ELResolver createElResolver() {
            CompositeELResolver resolver = new CompositeELResolver();
            resolver.add(new ApplicationBeans(context));
            resolver.add(super.createElResolver());
            return resolver;
        }
    }

    /** Beans of the application's own classes (package cn.tuijin), by name. */
    static final class ApplicationBeans extends ELResolver {

        private final ApplicationContext context;
        private volatile Set<String> names;

        ApplicationBeans(ApplicationContext context) {
            this.context = context;
        }

        private Set<String> names() {
            Set<String> n = names;
            if (n == null) {
                n = Stream.of(context.getBeanDefinitionNames()).filter(name -> {
                    Class<?> type = context.getType(name, false);
                    return type != null && type.getName().startsWith("cn.tuijin.");
                }).collect(Collectors.toUnmodifiableSet());
                names = n;
            }
            return n;
        }

        private boolean ours(Object base, Object property) {
            return base == null && property instanceof String name && names().contains(name);
        }

        @Override
        public Object getValue(ELContext elContext, Object base, Object property) {
            if (ours(base, property)) {
                elContext.setPropertyResolved(true);
                return context.getBean((String) property);
            }
            return null;
        }

        @Override
        public Class<?> getType(ELContext elContext, Object base, Object property) {
            if (ours(base, property)) {
                elContext.setPropertyResolved(true);
                return context.getType((String) property);
            }
            return null;
        }

        @Override
        public void setValue(ELContext elContext, Object base, Object property, Object value) {
            if (ours(base, property)) {
                throw new PropertyNotWritableException("Cannot set value of '" + property + "', it is a bean of the application");
            }
        }

        @Override
        public boolean isReadOnly(ELContext elContext, Object base, Object property) {
            if (ours(base, property)) {
                elContext.setPropertyResolved(true);
                return true;
            }
            return false;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext elContext, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext elContext, Object base) {
            return base == null ? Object.class : null;
        }
    }
}
